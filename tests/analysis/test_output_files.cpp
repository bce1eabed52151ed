// The run's OpenSim files (.mot/.sto) and CSVs parse back to the numbers they were written from.
#include "synthetic_walk.hpp"

#include "engine/core/error.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/sim/experiment.hpp"
#include "engine/sim/recorder.hpp"
#include "engine/sim/summary.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace rg;
namespace fs = std::filesystem;

namespace {
void requireSame(const Table& a, const Table& b, const std::string& what) {
    INFO(what);
    REQUIRE(a.names() == b.names());
    REQUIRE(a.rows() == b.rows());
    for (std::size_t c = 0; c < a.cols(); ++c)
        for (std::size_t r = 0; r < a.rows(); ++r) {
            const double x = a.at(r, int(c)), y = b.at(r, int(c));
            if (std::isnan(x) && std::isnan(y)) continue;
            if (x != y) FAIL(what << ": column " << a.names()[c] << " row " << r << ": " << x << " != " << y);
        }
}

std::string header(const std::string& path) {
    std::ifstream in(path);
    std::string line, out;
    while (std::getline(in, line)) {
        out += line + "\n";
        if (line == "endheader") break;
    }
    return out;
}
/// A 4 s synthetic walk as a completed run: recording, analyses and the summary skeleton
/// (the analyses' summary not merged in yet).
RunResult syntheticRun(const Model& model, const RunAnalysisOptions& options) {
    rgtest::SyntheticWalk w;
    w.duration_s = 4;
    RunResult r;
    r.status = RunStatus::Completed;
    r.recording = rgtest::synthesiseWalk(model, w);
    r.analysis = analyseRun(r.recording, model, options);
    r.summary = summarySkeleton();
    return r;
}
} // namespace

TEST_CASE("kinematics.mot, grf.mot, muscles.sto, joint_moments.sto and joint_contact_forces.sto parse back", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    RunResult r = syntheticRun(*model, RunAnalysisOptions{});
    mergeSummary(r.summary, r.analysis.summary);
    const fs::path dir = fs::temp_directory_path() / ("retrogait_test_files_" + std::to_string(::getpid()));
    writeRunFiles(r, *model, dir.string());

    requireSame(readOpenSim((dir / "kinematics.mot").string()), kinematicsTable(r.recording, *model), "kinematics.mot");
    requireSame(readOpenSim((dir / "grf.mot").string()), grfTable(r.recording), "grf.mot");
    requireSame(readOpenSim((dir / "joint_moments.sto").string()), r.analysis.joint_moments, "joint_moments.sto");
    requireSame(readOpenSim((dir / "joint_contact_forces.sto").string()), r.analysis.joint_contact, "joint_contact_forces.sto");
    requireSame(readCsv((dir / "gait_cycle.csv").string()), r.analysis.cycle, "gait_cycle.csv");
    requireSame(readCsv((dir / "timeseries.csv").string()), r.recording, "timeseries.csv");
    const Table m = readOpenSim((dir / "muscles.sto").string());
    CHECK(m.names().front() == "time");
    CHECK(m.has("VAS_r_activation"));
    CHECK(m.has("GAS_l_force_n"));
    CHECK(m.has("reserve_hip_rotation_r_nm"));
    CHECK(m.has("metabolic_power_w"));
    for (std::size_t c = 1; c < m.cols(); ++c) CHECK(m.col(int(c)) == r.recording.col(m.names()[c]));

    // The OpenSim storage header: name, version, sizes, angle unit, endheader.
    const std::string h = header((dir / "kinematics.mot").string());
    std::ostringstream expect;
    expect << "kinematics\nversion=1\nnRows=" << r.recording.rows() << "\nnColumns=" << model->coordinates().size() + 7
           << "\ninDegrees=yes\nendheader\n";
    CHECK(h == expect.str());
    CHECK(header((dir / "joint_moments.sto").string()).find("inDegrees=no") != std::string::npos);
    // The ExternalLoads file names the columns grf.mot has.
    std::ifstream xml(dir / "external_loads.xml");
    std::stringstream ss;
    ss << xml.rdbuf();
    CHECK(ss.str().find("<force_identifier>1_ground_force_v</force_identifier>") != std::string::npos);
    CHECK(readOpenSim((dir / "grf.mot").string()).has("1_ground_force_vx"));
    for (const char* f : {"strides.csv", "steps.csv", "muscle_recruitment.csv", "summary.json"}) CHECK(fs::exists(dir / f));
    fs::remove_all(dir);
}

TEST_CASE("a run folder re-analysed from its files gives the same summary", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    RunAnalysisOptions o;
    o.time_step_s = 0.001;
    RunResult r = syntheticRun(*model, o);
    r.summary["gait"] = "forward";
    r.summary["incline_percent"] = 0.0;
    r.summary["time_step_s"] = 0.001;
    r.summary["model_file"] = defaultModelPath();
    r.summary["body_mass_kg"] = model->bodyMass();
    r.summary["height_m"] = model->height();
    mergeSummary(r.summary, r.analysis.summary);
    const fs::path dir = fs::temp_directory_path() / ("retrogait_test_reanalyse_" + std::to_string(::getpid()));
    writeRunFiles(r, *model, dir.string());
    const Reanalysis again = reanalyseRunFolder(dir.string());
    // The CSV keeps every double exactly (17 significant digits) and the analyses are
    // deterministic: the same numbers.
    CHECK(again.result.summary == nlohmann::json::parse(nlohmann::json(r.summary).dump()));
    fs::remove(dir / "summary.json");
    CHECK_THROWS_AS(reanalyseRunFolder(dir.string()), InputError);
    fs::remove_all(dir);
}
