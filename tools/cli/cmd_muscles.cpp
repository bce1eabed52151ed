// `retrogait muscles`: the model's muscles at the neutral pose and its maximal isometric joint
// torques, compared with healthy-adult dynamometry.
#include "cli_common.hpp"

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/muscle/max_isometric.hpp"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>
#include <memory>

namespace rgcli {

namespace {

struct MusclesArgs {
    std::string model, strength;
    bool json = false;
};

void printMuscles(const MusclesArgs& a) {
    const std::string path = a.model.empty() ? rg::defaultModelPath() : a.model;
    auto model = rg::Model::build(rg::loadModelFile(path));
    if (!model->desc().muscles.is_array() || model->desc().muscles.empty())
        throw rg::InputError(path, "muscles", "is missing or empty", "an array with a settings element and muscles");
    auto set = rg::MuscleSet::build(*model, rg::parseStrengthScale(a.strength), "command line (--strength)");
    const int nc = int(model->coordinates().size());
    const Eigen::VectorXd q = model->neutralPose();
    const auto torques = rg::maxIsometricTorques(*set, *model, "r");
    const auto refs = rg::dynamometryReference(model->bodyMass(), model->height());

    nlohmann::json out;
    out["model"] = path;
    out["body_mass_kg"] = model->bodyMass();
    out["height_m"] = model->height();
    out["muscles"] = nlohmann::json::array();
    for (int i = 0; i < set->size(); ++i) {
        const rg::Muscle& m = set->muscles()[i];
        const double L = set->length(i, q);
        const double lce = rg::isometricFibreLength(set->curves(), m.params, set->settings().min_excitation, L);
        nlohmann::json j;
        j["name"] = m.name;
        j["description"] = m.description;
        j["groups"] = m.groups;
        j["max_isometric_force_n"] = m.params.max_isometric_force;
        j["strength_scale"] = m.strength_scale;
        j["optimal_fibre_length_m"] = m.params.optimal_fibre_length;
        j["tendon_slack_length_m"] = m.params.tendon_slack_length;
        j["max_shortening_velocity_lopt_per_s"] = m.params.max_shortening_velocity;
        j["fast_twitch_percent"] = m.fast_twitch_percent;
        j["mass_kg"] = m.mass;
        j["length_m"] = L;
        j["fibre_length_m"] = lce;
        nlohmann::json arms = nlohmann::json::object();
        for (int c = 0; c < nc; ++c) {
            const double r = set->momentArm(i, c, q);
            if (r != 0.0) arms[model->coordinates()[c].name] = r;
        }
        j["moment_arms_m"] = arms;
        out["muscles"].push_back(j);
    }
    nlohmann::json tmax = nlohmann::json::object(), tang = nlohmann::json::object();
    for (const auto& t : torques) {
        tmax[t.direction] = t.torque_nm;
        tang[t.direction] = rg::rad2deg(t.angle_rad);
    }
    out["max_isometric_torque_nm"] = tmax;
    out["max_isometric_torque_angle_deg"] = tang;
    nlohmann::json ref = nlohmann::json::object();
    for (const auto& r : refs)
        ref[r.direction] = {{"mean_nm", r.mean_nm}, {"low_nm", r.low_nm}, {"high_nm", r.high_nm}, {"source", r.source}};
    out["dynamometry_reference"] = ref;
    nlohmann::json reserves = nlohmann::json::array();
    for (int c = 0; c < nc; ++c) reserves.push_back({{"name", "reserve_" + model->coordinates()[c].name},
                                                     {"coordinate_has_muscles", set->actuated(c)}});
    out["reserves"] = reserves;

    if (a.json) {
        std::cout << out.dump(1) << "\n";
        return;
    }
    std::cout << "Muscles of " << path << " (" << model->bodyMass() << " kg, " << model->height() << " m), at the neutral pose\n";
    std::cout << std::fixed << std::setprecision(3);
    std::cout << std::left << std::setw(8) << "muscle" << std::right << std::setw(9) << "Fmax N" << std::setw(8) << "lopt m"
              << std::setw(9) << "lslack m" << std::setw(6) << "vmax" << std::setw(5) << "%FT" << std::setw(8) << "mass kg"
              << std::setw(8) << "lMTU m" << std::setw(8) << "lCE m" << "  moment arms (m)\n";
    for (const auto& j : out["muscles"]) {
        std::cout << std::left << std::setw(8) << j["name"].get<std::string>() << std::right << std::setprecision(0) << std::setw(9)
                  << j["max_isometric_force_n"].get<double>() << std::setprecision(3) << std::setw(8)
                  << j["optimal_fibre_length_m"].get<double>() << std::setw(9) << j["tendon_slack_length_m"].get<double>()
                  << std::setprecision(0) << std::setw(6) << j["max_shortening_velocity_lopt_per_s"].get<double>() << std::setw(5)
                  << j["fast_twitch_percent"].get<double>() << std::setprecision(2) << std::setw(8) << j["mass_kg"].get<double>()
                  << std::setprecision(3) << std::setw(8) << j["length_m"].get<double>() << std::setw(8)
                  << j["fibre_length_m"].get<double>() << " ";
        for (auto it = j["moment_arms_m"].begin(); it != j["moment_arms_m"].end(); ++it)
            std::cout << " " << it.key() << " " << std::showpos << it.value().get<double>() << std::noshowpos;
        std::cout << "\n";
    }
    std::cout << "\nReserve actuators on every coordinate; coordinates without muscles (reserve only):";
    for (int c = 0; c < nc; ++c)
        if (!set->actuated(c)) std::cout << " " << model->coordinates()[c].name;
    std::cout << "\n\nMaximal isometric joint torques (right side; agonists fully active, others neutral)\n";
    std::cout << std::left << std::setw(24) << "direction" << std::right << std::setw(9) << "N m" << std::setw(11) << "at deg"
              << std::setw(26) << "dynamometry mean [band]\n";
    for (const auto& t : torques) {
        std::cout << std::left << std::setw(24) << t.direction << std::right << std::setprecision(1) << std::setw(9) << t.torque_nm
                  << std::setw(11) << rg::rad2deg(t.angle_rad);
        for (const auto& r : refs)
            if (r.direction == t.direction)
                std::cout << std::setw(9) << r.mean_nm << " [" << r.low_nm << ", " << r.high_nm << "]"
                          << (t.torque_nm >= r.low_nm && t.torque_nm <= r.high_nm ? "  in range" : "  OUT OF RANGE");
        std::cout << "\n";
    }
    std::cout << "\nDynamometry: " << refs.front().source << ";\n             " << refs.back().source << "\n";
}

void addMusclesCommand(CLI::App& app) {
    auto args = std::make_shared<MusclesArgs>();
    CLI::App* cmd = app.add_subcommand("muscles", "Print the model's muscles (parameters, length and moment arms at the\n"
                                                  "neutral pose) and its maximal isometric joint torques");
    cmd->add_option("--model", args->model, "Model JSON file (default: models/adult_walker.json)");
    cmd->add_flag("--json", args->json, "Print JSON: {\"muscles\": [...], \"max_isometric_torque_nm\": {...}, ...}");
    cmd->add_option("--strength", args->strength, "Strength factors on Fmax, e.g. VAS=0.5,plantarflexors=0.8\n"
                                                  "(muscle, muscle_side or group names; 0 to 10)");
    cmd->callback([args]() { printMuscles(*args); });
}

Registrar registerMuscles(30, addMusclesCommand);

} // namespace
} // namespace rgcli
