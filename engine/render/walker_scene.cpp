#include "engine/render/walker_scene.hpp"

#include "engine/render/colour_map.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace rg {

namespace {
Eigen::Vector3d ev(const Vec3& v) { return {v[0], v[1], v[2]}; }

/// Unit vector up (against gravity).
const Eigen::Vector3d kUp(0, 1, 0);

/// Moves p along the vertical onto the plane through the origin with normal n.
Eigen::Vector3d dropOntoSurface(const Eigen::Vector3d& p, const Eigen::Vector3d& n) {
    return p - (n.dot(p) / n.dot(kUp)) * kUp;
}

Colour withOpacity(Colour c, float a) {
    c.a = a;
    return c;
}
} // namespace

void DrawList::clear() { *this = DrawList(); }

void DrawList::translate(const Eigen::Vector3d& d) {
    for (auto& s : solids) s.position += d;
    for (auto& m : muscles)
        for (auto& p : m.path) p += d;
    for (auto& a : arrows) a.tail += d;
    for (auto& m : markers) m.position += d;
    for (auto& o : outlines)
        for (auto& p : o.points) p += d;
    for (auto& s : surfaces) s.centre += d;
    focus += d;
}

DrawSolid placeShape(const ShapeDesc& sh, const Pose& pose) {
    DrawSolid s;
    s.position = pose.position + pose.orientation * ev(sh.centre);
    s.orientation = pose.orientation;
    switch (sh.type) {
    case ShapeType::Box:
        s.shape = SolidShape::Box;
        s.size = ev(sh.size);
        break;
    case ShapeType::Capsule:
        s.shape = SolidShape::Capsule;
        s.size = {sh.size[0], sh.size[1] / 2, 0};
        break;
    case ShapeType::Sphere:
        s.shape = SolidShape::Sphere;
        s.size = {sh.size[0], 0, 0};
        break;
    }
    return s;
}

double capsuleVolume(const DrawSolid& c) {
    const double a = c.size.x(), b = c.size.z() > 0 ? c.size.z() : c.size.x();
    const double cap = c.cap_m >= 0 ? c.cap_m : a;
    return M_PI * a * b * (2 * c.size.y() + 4.0 / 3.0 * cap);
}

namespace {
/// An elliptic capsule from `start` along unit `u` for `len`, holding `volume`, with a section
/// `aspect` times wider (segment z) than deep (segment x).
DrawSolid partCapsule(const Eigen::Vector3d& start, const Eigen::Vector3d& u, double len, double volume, double aspect) {
    // Solve V = π a (aspect a) (len − 2c + 4c/3) with caps c = min(a, len / 4) (flatter caps on
    // short, thick parts such as the trunk); a fixed point that converges in a few steps.
    double a = std::sqrt(volume / (M_PI * aspect * len));
    for (int it = 0; it < 60; ++it) {
        const double c = std::min(a, len / 4);
        a = std::sqrt(volume / (M_PI * aspect * (len - 2.0 / 3.0 * c)));
    }
    const double c = std::min(a, len / 4);
    // Local y along the part; local x towards the segment's x (its depth direction).
    const Eigen::Vector3d ref =
        std::fabs(u.dot(Eigen::Vector3d::UnitX())) > 0.9 ? Eigen::Vector3d::UnitY() : Eigen::Vector3d::UnitX();
    const Eigen::Vector3d x = (ref - ref.dot(u) * u).normalized();
    Eigen::Matrix3d R;
    R.col(0) = x;
    R.col(1) = u;
    R.col(2) = x.cross(u);
    DrawSolid s;
    s.shape = SolidShape::Capsule;
    s.position = start + u * (len / 2);
    s.orientation = Eigen::Quaterniond(R);
    s.size = {a, len / 2 - c, aspect * a};
    s.cap_m = c;
    return s;
}
} // namespace

std::vector<DrawSolid> segmentFigure(const Model& model, int seg, bool is_foot) {
    const Segment& segment = model.segments()[seg];
    const SegmentDesc& desc = model.desc().segments[seg];
    std::vector<DrawSolid> out;
    Pose identity;
    if (is_foot || desc.parts.empty()) {
        for (const auto& sh : segment.shapes) out.push_back(placeShape(sh, identity));
        return out;
    }
    // Width-to-depth ratio of the segment's box (z extent over x extent), for trunk parts.
    double box_aspect = 1;
    for (const auto& sh : segment.shapes)
        if (sh.type == ShapeType::Box && sh.size[0] > 0) {
            box_aspect = sh.size[2] / sh.size[0];
            break;
        }
    const double k = model.lengthScale();
    // The trunk parts of a segment (de Leva's lower, middle, upper trunk) are stacked on one
    // axis: drawn as one smooth trunk holding their summed mass, over their joint span.
    struct Span {
        double lo = 1e9, hi = -1e9, volume = 0;
        Eigen::Vector3d axis = Eigen::Vector3d::Zero(), origin = Eigen::Vector3d::Zero();
        bool used = false;
    } trunk;
    for (const auto& p : desc.parts) {
        const double len = p.length * k;
        const double volume = p.mass_fraction * model.bodyMass() / kTissueDensity;
        const Eigen::Vector3d u = ev(p.axis).normalized();
        const Eigen::Vector3d start = ev(p.start) * k;
        const bool is_trunk = p.name.find("trunk") != std::string::npos;
        if (is_trunk && (!trunk.used || (u.cross(trunk.axis).norm() < 1e-9 &&
                                         (start - trunk.origin - (start - trunk.origin).dot(u) * u).norm() < 1e-9))) {
            if (!trunk.used) {
                trunk.used = true;
                trunk.axis = u;
                trunk.origin = start;
            }
            const double s0 = (start - trunk.origin).dot(trunk.axis);
            trunk.lo = std::min(trunk.lo, s0);
            trunk.hi = std::max(trunk.hi, s0 + len);
            trunk.volume += volume;
            continue;
        }
        out.push_back(partCapsule(start, u, len, volume, is_trunk ? box_aspect : 1.0));
    }
    if (trunk.used)
        out.insert(out.begin(), partCapsule(trunk.origin + trunk.lo * trunk.axis, trunk.axis, trunk.hi - trunk.lo,
                                            trunk.volume, box_aspect));
    return out;
}

void addWalkerBody(const PhysicsWorld& world, const DrawOptions& opt, DrawList& out) {
    const Model& model = world.model();
    const auto& segs = model.segments();
    for (int i = 0; i < int(segs.size()); ++i) {
        const Pose pose = world.segmentPose(i);
        const Colour c = withOpacity(segmentColour(segs[i].name), opt.body_opacity);
        std::vector<DrawSolid> local;
        if (opt.body_style == BodyStyle::Anthropometric) {
            const bool foot = i == world.footSegment(kRight) || i == world.footSegment(kLeft);
            local = segmentFigure(model, i, foot);
        } else {
            for (const auto& sh : segs[i].shapes) local.push_back(placeShape(sh, Pose{}));
        }
        for (auto& s : local) {
            s.position = pose.position + pose.orientation * s.position;
            s.orientation = pose.orientation * s.orientation;
            s.colour = c;
            s.segment = i;
            out.solids.push_back(s);
        }
    }
}

namespace {
/// A plain floor (no thickness, a grid instead of stripes).
DrawSurface floorSurface(const Eigen::Vector3d& centre, const Eigen::Quaterniond& orientation, Eigen::Vector2d half_extents) {
    DrawSurface f;
    f.kind = SurfaceKind::Floor;
    f.centre = centre;
    f.orientation = orientation;
    f.half_extents = half_extents;
    f.thickness_m = 0.0;
    f.stripe_spacing_m = 0;
    f.colour = palette::kFloor;
    f.stripe_colour = palette::kFloorGrid;
    return f;
}
} // namespace

void addSurfaces(const PhysicsWorld& world, double belt_travel, DrawList& out) {
    const SceneDesc& sc = world.scene();
    const Eigen::Vector3d t = world.surfaceTangent();
    const double incline = std::atan2(t.y(), t.x());
    const Eigen::Quaterniond tilt(Eigen::AngleAxisd(incline, Eigen::Vector3d::UnitZ()));
    if (sc.surface == SurfaceType::Treadmill) {
        // The belt's top face passes through the world origin, tilted by the incline; its
        // size and the floor 0.2 m below its lowest end are those of physics_world.cpp.
        DrawSurface belt;
        belt.kind = SurfaceKind::Belt;
        belt.centre = Eigen::Vector3d::Zero();
        belt.orientation = tilt;
        belt.half_extents = {sc.belt_length_m / 2, sc.belt_width_m / 2};
        belt.thickness_m = 0.05;
        belt.stripe_offset_m = belt_travel;
        belt.stripe_spacing_m = 0.25;
        belt.colour = palette::kBelt;
        belt.stripe_colour = palette::kBeltStripe;
        out.surfaces.push_back(belt);
        // The treadmill's deck under the belt, with side rails.
        const double deck_h = 0.12;
        DrawSolid deck;
        deck.shape = SolidShape::Box;
        deck.orientation = tilt;
        deck.position = tilt * Eigen::Vector3d(0, -0.05 - deck_h / 2, 0);
        deck.size = {sc.belt_length_m + 0.25, deck_h, sc.belt_width_m + 0.06};
        deck.colour = {0.30f, 0.32f, 0.36f, 1.0f};
        out.solids.push_back(deck);
        for (double side : {-1.0, 1.0}) {
            DrawSolid rail = deck;
            rail.size = {sc.belt_length_m + 0.25, 0.06, 0.10};
            rail.position = tilt * Eigen::Vector3d(0, -0.02, side * (sc.belt_width_m / 2 + 0.08));
            rail.colour = {0.55f, 0.57f, 0.60f, 1.0f};
            out.solids.push_back(rail);
        }
        out.surfaces.push_back(floorSurface({0, -0.2 - sc.belt_length_m / 2 * std::fabs(std::sin(incline)), 0},
                                            Eigen::Quaterniond::Identity(), {40, 40}));
    } else {
        out.surfaces.push_back(floorSurface(Eigen::Vector3d::Zero(), tilt, {500, 50}));
    }
}

void addGroundReaction(const PhysicsWorld& world, const DrawOptions& opt, DrawList& out) {
    const char* names[2] = {"GRF right", "GRF left"};
    for (int s = 0; s < 2; ++s) {
        const FootContact& f = world.foot(Side(s));
        if (!f.loaded()) continue;
        DrawArrow a;
        a.kind = ArrowKind::GroundReaction;
        a.label = names[s];
        a.tail = f.cop;
        a.vector = f.force / opt.newtons_per_metre;
        a.force_n = f.force.norm();
        a.colour = palette::kGroundReaction;
        out.arrows.push_back(a);
        DrawMarker m;
        m.kind = MarkerKind::CentreOfPressure;
        m.label = s == 0 ? "CoP right" : "CoP left";
        m.position = f.cop;
        m.radius_m = 0.015;
        m.colour = palette::kCentreOfPressure;
        out.markers.push_back(m);
    }
}

Eigen::Vector3d extrapolatedCentreOfMass(const PhysicsWorld& world) {
    const Eigen::Vector3d n = world.surfaceNormal();
    const Eigen::Vector3d com = world.centreOfMass();
    const Eigen::Vector3d ground = dropOntoSurface(com, n);
    const double l = std::max(com.y() - ground.y(), 1e-3);
    const double omega0 = std::sqrt(world.scene().gravity / l);
    Eigen::Vector3d v = world.centreOfMassVelocity() - world.beltVelocity();
    v.y() = 0;  // the horizontal velocity, as in Hof's inverted pendulum
    return dropOntoSurface(ground + v / omega0, n);
}

std::vector<Eigen::Vector3d> convexHullOnPlane(const std::vector<Eigen::Vector3d>& pts, const Eigen::Vector3d& origin,
                                               const Eigen::Vector3d& normal) {
    const Eigen::Vector3d n = normal.normalized();
    // A right-handed basis (u, w, n) of the plane: counter-clockwise in (u, w) seen from +n.
    Eigen::Vector3d u = (std::fabs(n.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY());
    u = (u - u.dot(n) * n).normalized();
    const Eigen::Vector3d w = n.cross(u);
    struct P2 {
        double x, y;
    };
    std::vector<P2> p;
    for (const auto& q : pts) {
        const Eigen::Vector3d d = q - origin;
        p.push_back({d.dot(u), d.dot(w)});
    }
    std::sort(p.begin(), p.end(), [](const P2& a, const P2& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    p.erase(std::unique(p.begin(), p.end(), [](const P2& a, const P2& b) { return a.x == b.x && a.y == b.y; }), p.end());
    std::vector<P2> h;
    if (p.size() < 3) {
        h = p;
    } else {
        // Andrew's monotone chain.
        const auto cross = [](const P2& o, const P2& a, const P2& b) {
            return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
        };
        h.resize(2 * p.size());
        std::size_t k = 0;
        for (std::size_t i = 0; i < p.size(); ++i) {
            while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) --k;
            h[k++] = p[i];
        }
        for (std::size_t i = p.size() - 1, t = k + 1; i-- > 0;) {
            while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0) --k;
            h[k++] = p[i];
        }
        h.resize(k - 1);
    }
    std::vector<Eigen::Vector3d> r;
    for (const auto& q : h) r.push_back(origin + q.x * u + q.y * w);
    return r;
}

void addBalance(const PhysicsWorld& world, const DrawOptions&, DrawList& out) {
    const Eigen::Vector3d n = world.surfaceNormal();
    const Eigen::Vector3d com = world.centreOfMass();
    const Eigen::Vector3d ground = dropOntoSurface(com, n);

    DrawMarker m;
    m.kind = MarkerKind::CentreOfMass;
    m.label = "centre of mass";
    m.position = com;
    m.radius_m = 0.035;
    m.colour = palette::kCentreOfMass;
    out.markers.push_back(m);
    m.kind = MarkerKind::GroundProjection;
    m.label = "centre of mass (ground projection)";
    m.position = ground;
    m.radius_m = 0.02;
    out.markers.push_back(m);
    DrawOutline plumb;
    plumb.label = "centre of mass plumb line";
    plumb.points = {com, ground};
    plumb.radius_m = 0.003;
    plumb.colour = palette::kCentreOfMass;
    out.outlines.push_back(plumb);

    m.kind = MarkerKind::ExtrapolatedCentreOfMass;
    m.label = "extrapolated centre of mass";
    m.position = extrapolatedCentreOfMass(world);
    m.radius_m = 0.02;
    m.colour = palette::kExtrapolatedCom;
    out.markers.push_back(m);

    // Base of support: sole corners of loaded feet within 1.5 cm of the surface (the foot's
    // contact region; a heel or toe rocker touches with one edge), or the CoP when none is.
    std::vector<Eigen::Vector3d> support;
    const auto& segs = world.model().segments();
    for (int s = 0; s < 2; ++s) {
        const FootContact& f = world.foot(Side(s));
        const int seg = world.footSegment(Side(s));
        if (!f.loaded() || seg < 0) continue;
        const Pose pose = world.segmentPose(seg);
        const std::size_t before = support.size();
        for (const auto& sh : segs[seg].shapes) {
            if (sh.type != ShapeType::Box) continue;
            for (double dx : {-0.5, 0.5})
                for (double dz : {-0.5, 0.5}) {
                    const Eigen::Vector3d local(sh.centre[0] + dx * sh.size[0], sh.centre[1] - 0.5 * sh.size[1],
                                                sh.centre[2] + dz * sh.size[2]);
                    const Eigen::Vector3d p = pose.position + pose.orientation * local;
                    if (n.dot(p) < 0.015) support.push_back(p);
                }
        }
        if (support.size() == before) support.push_back(f.cop);
    }
    if (!support.empty()) {
        DrawOutline bos;
        bos.label = "base of support";
        bos.points = convexHullOnPlane(support, Eigen::Vector3d::Zero(), n);
        for (auto& p : bos.points) p += 0.003 * n;  // just above the surface
        bos.closed = bos.points.size() > 2;
        bos.radius_m = 0.005;
        bos.colour = palette::kBaseOfSupport;
        out.outlines.push_back(bos);
    }
}

void addMuscles(const std::vector<MuscleView>& muscles, const DrawOptions& opt, DrawList& out) {
    for (const auto& mv : muscles) {
        if (mv.path.size() < 2) throw std::invalid_argument("muscle " + mv.name + ": a path needs at least two points");
        for (const auto& p : mv.path)
            if (!p.allFinite()) throw std::invalid_argument("muscle " + mv.name + ": non-finite path point");
        DrawMuscle m;
        m.name = mv.name;
        m.path = mv.path;
        m.activation = mv.activation;
        m.force_n = mv.force_n;
        m.radius_m = opt.muscle_radius_m;
        m.colour = activationColour(mv.activation);
        out.muscles.push_back(std::move(m));
    }
    out.legend = activationLegend();
}

void addJointLoads(const std::vector<JointLoadView>& loads, const DrawOptions& opt, DrawList& out) {
    for (const auto& j : loads) {
        DrawArrow a;
        a.kind = ArrowKind::JointContact;
        a.label = j.name;
        a.vector = j.force_n / opt.joint_newtons_per_metre;
        a.tail = j.centre - a.vector;  // the head touches the joint centre
        a.force_n = j.force_n.norm();
        a.colour = palette::kJointContact;
        out.arrows.push_back(a);
    }
}

DrawList buildDrawList(const WalkerFrame& f, const DrawOptions& opt) {
    if (!f.world) throw std::invalid_argument("buildDrawList: no world");
    DrawList d;
    d.time_s = f.world->time();
    d.focus = f.world->segmentPose(0).position;
    addSurfaces(*f.world, f.belt_travel_m, d);
    if (opt.body) addWalkerBody(*f.world, opt, d);
    if (opt.muscles) addMuscles(f.muscles, opt, d);
    if (opt.ground_reaction) addGroundReaction(*f.world, opt, d);
    if (opt.centre_of_mass) addBalance(*f.world, opt, d);
    if (opt.joint_contact) addJointLoads(f.joint_loads, opt, d);
    if (f.push_n.norm() > 0) {
        DrawArrow a;
        a.kind = ArrowKind::Push;
        a.label = "push";
        a.vector = f.push_n / opt.newtons_per_metre * 3.0;  // pushes are small: drawn 3x longer
        a.tail = f.world->segmentComPosition(0) - a.vector;
        a.force_n = f.push_n.norm();
        a.radius_m = 0.012;
        a.colour = palette::kPush;
        d.arrows.push_back(a);
    }
    if (d.legend.values.empty()) d.legend = activationLegend();
    return d;
}

} // namespace rg
