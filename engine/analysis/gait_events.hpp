#pragma once
/// Gait events from the ground reaction force: initial contact and toe-off of each foot (a
/// threshold on the force normal to the surface, with hysteresis), strides from one initial
/// contact of a foot to its next, and the spatiotemporal parameters. Events come from force,
/// not from foot geometry, so a toe-first landing in backward walking is handled the same way
/// as a heel strike. Usable offline (a Table) or online, step by step (ContactEventDetector).
#include "engine/io/table.hpp"

#include <Eigen/Dense>

#include <optional>
#include <vector>

namespace rg {

struct GaitEventOptions {
    /// Contact begins when the normal force rises above this (N). 20 N is the usual force-plate
    /// threshold in gait labs (e.g. Zeni, Richards & Higginson 2008 used 20 N as reference).
    double on_threshold_n = 20.0;
    /// ...and ends when it falls below this (N): the hysteresis keeps contact chatter from
    /// splitting a stance phase.
    double off_threshold_n = 10.0;
    /// Contacts and flights shorter than this are merged away (s): impacts and bounces of a
    /// rigid foot last a few milliseconds, real stance and swing phases hundreds.
    double min_phase_s = 0.05;
    /// Strides shorter than this are not counted (s): a landing bounce is not a stride. Walking
    /// strides last about 0.8–2 s (Winter 2009); even sprinting takes longer than 0.4 s.
    double min_stride_s = 0.4;
};

enum class GaitEventType { InitialContact, ToeOff };

struct GaitEvent {
    int side = 0;             ///< 0 right, 1 left
    GaitEventType type = GaitEventType::InitialContact;
    double time = 0;          ///< s, threshold crossing (linear interpolation between samples)
    std::size_t row = 0;      ///< first row of the new phase
};

/// Online detector for one foot: feed the normal force every step; it reports the events.
/// Use one of the two update() forms on a detector, not both.
class ContactEventDetector {
public:
    explicit ContactEventDetector(GaitEventOptions o = {}) : opt_(o) {}
    /// Immediate: the event of this sample, if any (the hysteresis alone decides).
    std::optional<GaitEventType> update(double normal_force_n);
    /// Debounced with the offline detection's rules (detectGaitEvents): flights shorter than
    /// min_phase_s are merged into the contact around them, and a contact (so merged) counts
    /// once it has lasted min_phase_s; a toe-off counts once the flight has lasted min_phase_s.
    /// The event is reported then, with the time of its first sample: an initial contact at the
    /// first loaded sample of the merged contact, a toe-off at the first unloaded sample of the
    /// flight. Chatter (a one-step loss of contact in stance, a scuff of the swing foot) thus
    /// neither hides nor adds a contact. Feed it the samples the offline detection sees to get
    /// its events. A foot already loaded at the first sample starts in contact without an event.
    std::optional<GaitEvent> update(double time, double normal_force_n);
    bool inContact() const { return contact_; }

private:
    GaitEventOptions opt_;
    bool contact_ = false;
    bool started_ = false;
    bool raw_ = false;         ///< hysteresis state of the force (debounced mode)
    double raw_since_ = 0;     ///< time of the last change of raw_
    bool pending_ = false;     ///< in flight: a contact has begun that has not yet lasted min_phase_s
    double pending_since_ = 0; ///< its first loaded sample
};

/// A stride of one foot: initial contact to its next initial contact, with its toe-off.
struct Stride {
    int side = 0;
    double start = 0, toe_off = 0, end = 0;   ///< s
    std::size_t start_row = 0, end_row = 0;   ///< rows of the two initial contacts
    double duration() const { return end - start; }
    double stancePercent() const { return 100.0 * (toe_off - start) / duration(); }
};

struct GaitEvents {
    std::vector<GaitEvent> events;                 ///< both feet, in time order
    /// Contact intervals per foot [start, end) in s (an unfinished one ends at the last time).
    std::vector<std::pair<double, double>> contacts[2];
    std::vector<Stride> strides[2];                ///< complete strides per foot, in time order
};

/// Detects the events from per-foot normal forces sampled at `time`.
GaitEvents detectGaitEvents(const std::vector<double>& time, const std::vector<double>& normal_force_r,
                            const std::vector<double>& normal_force_l, const GaitEventOptions& o = {});
/// From a recording: the foot forces grf_<r|l>_<x|y|z>_n projected on the surface normal
/// `normal` (world; (0,1,0) on level ground).
GaitEvents detectGaitEvents(const Table& recording, const Eigen::Vector3d& normal = Eigen::Vector3d::UnitY(),
                            const GaitEventOptions& o = {});

/// Time both feet are in contact within [t0, t1] (s).
double doubleSupportTime(const GaitEvents& e, double t0, double t1);

} // namespace rg
