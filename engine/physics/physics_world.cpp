#include "engine/physics/physics_world.hpp"

#include "engine/core/error.hpp"

#include <BulletCollision/CollisionDispatch/btCollisionDispatcher.h>
#include <BulletCollision/CollisionDispatch/btDefaultCollisionConfiguration.h>
#include <BulletCollision/BroadphaseCollision/btDbvtBroadphase.h>
#include <BulletCollision/CollisionShapes/btBoxShape.h>
#include <BulletCollision/CollisionShapes/btCapsuleShape.h>
#include <BulletCollision/CollisionShapes/btCompoundShape.h>
#include <BulletCollision/CollisionShapes/btSphereShape.h>
#include <BulletDynamics/Dynamics/btRigidBody.h>
#include <BulletDynamics/Featherstone/btMultiBody.h>
#include <BulletDynamics/Featherstone/btMultiBodyConstraintSolver.h>
#include <BulletDynamics/Featherstone/btMultiBodyDynamicsWorld.h>
#include <BulletDynamics/Featherstone/btMultiBodyJointLimitConstraint.h>
#include <BulletDynamics/Featherstone/btMultiBodyLinkCollider.h>

#include <cmath>

namespace rg {

namespace {
btVector3 bt(const Vec3& v) { return btVector3(v[0], v[1], v[2]); }
btVector3 bt(const Eigen::Vector3d& v) { return btVector3(v.x(), v.y(), v.z()); }
Eigen::Vector3d ev(const btVector3& v) { return {v.x(), v.y(), v.z()}; }
Eigen::Vector3d ev(const Vec3& v) { return {v[0], v[1], v[2]}; }

// Collision groups: the walker collides with the surfaces, the surfaces not with each other.
constexpr int kGroupWalker = 1, kGroupSurface = 2;
} // namespace

/// The multibody world without the step's prediction of the multibodies' end-of-step transforms
/// (btMultiBodyDynamicsWorld::predictMultiBodyTransforms): in Bullet 3.24 those interpolation
/// transforms serve only continuous collision detection and kinematic multibodies, neither of
/// which is used here, so skipping them leaves every result unchanged (1.7 % of a walking step).
class WalkerDynamicsWorld : public btMultiBodyDynamicsWorld {
public:
    using btMultiBodyDynamicsWorld::btMultiBodyDynamicsWorld;

protected:
    void predictUnconstraintMotion(btScalar timeStep) override { btDiscreteDynamicsWorld::predictUnconstraintMotion(timeStep); }
};

struct PhysicsWorld::Impl {
    btDefaultCollisionConfiguration config;
    btCollisionDispatcher dispatcher{&config};
    btDbvtBroadphase broadphase;
    btMultiBodyConstraintSolver solver;
    WalkerDynamicsWorld world{&dispatcher, &broadphase, &solver, &config};
    std::vector<std::unique_ptr<btCollisionShape>> shapes;
    std::vector<std::unique_ptr<btMultiBodyLinkCollider>> colliders;
    std::vector<std::unique_ptr<btMultiBodyJointLimitConstraint>> limits;
    std::vector<std::unique_ptr<btRigidBody>> statics;
    std::unique_ptr<btMultiBody> body;
    btRigidBody* belt = nullptr;
    btVector3 belt_velocity{0, 0, 0};
    btTransform belt_home;      ///< the belt's transform at offset 0
    btVector3 belt_offset{0, 0, 0};  ///< how far the belt surface has travelled (wrapped)
    std::vector<int> segment_of_link;   // link index + 1 -> segment (-1: virtual link)
    btAlignedObjectArray<btQuaternion> scratch_q;
    btAlignedObjectArray<btVector3> scratch_v;
    btAlignedObjectArray<btVector3> scratch_w, scratch_lv;  ///< link velocities (readouts)
};

PhysicsWorld::PhysicsWorld(std::shared_ptr<const Model> model, const SceneDesc& scene)
    : model_(std::move(model)), scene_(scene), impl_(std::make_unique<Impl>()) {
    dt_ = scene_.time_step_s;
    const double travel = scene_.gait == Gait::Forward ? 1.0 : -1.0;
    incline_angle_ = travel * std::atan(scene_.incline_percent / 100.0);
    build();
    if (scene_.surface == SurfaceType::Treadmill) setBeltSpeed(travel * scene_.speed_m_per_s);
}

PhysicsWorld::~PhysicsWorld() {
    auto& w = impl_->world;
    for (auto& l : impl_->limits) w.removeMultiBodyConstraint(l.get());
    for (auto& c : impl_->colliders) w.removeCollisionObject(c.get());
    if (impl_->body) w.removeMultiBody(impl_->body.get());
    for (auto& s : impl_->statics) w.removeRigidBody(s.get());
}

btMultiBodyDynamicsWorld* PhysicsWorld::dynamicsWorld() { return &impl_->world; }

Eigen::Vector3d PhysicsWorld::surfaceTangent() const {
    return {std::cos(incline_angle_), std::sin(incline_angle_), 0.0};
}
Eigen::Vector3d PhysicsWorld::surfaceNormal() const {
    return {-std::sin(incline_angle_), std::cos(incline_angle_), 0.0};
}

namespace {
/// How far the belt box reaches beyond the visible belt at each end (m): its surface travels
/// up to this far before it is moved back (once every 200 s at 1.5 m/s).
constexpr double kBeltTravel = 300.0;
} // namespace

void PhysicsWorld::setBeltSpeed(double v) {
    belt_speed_ = scene_.surface == SurfaceType::Treadmill ? v : 0.0;
    impl_->belt_velocity = bt(Eigen::Vector3d(-belt_speed_ * surfaceTangent()));
}

Eigen::Vector3d PhysicsWorld::beltVelocity() const { return ev(impl_->belt_velocity); }

void PhysicsWorld::build() {
    const Model& m = *model_;
    auto& w = impl_->world;
    w.setGravity(btVector3(0, -scene_.gravity, 0));
    auto& si = w.getSolverInfo();
    si.m_numIterations = scene_.solver_iterations;
    si.m_solverMode |= SOLVER_USE_2_FRICTION_DIRECTIONS;
    if (scene_.solver_warm_start > 0) {
        si.m_solverMode |= SOLVER_USE_ARTICULATED_WARMSTARTING;
        si.m_articulatedWarmstartingFactor = scene_.solver_warm_start;
    }
    // The belt is a long kinematic box that really travels with the belt velocity, so that
    // contact points stay fixed on both the foot and the belt while a foot is planted. (A belt
    // that stays put with only a velocity makes the contact points slide over it; Bullet then
    // drops and re-creates them every ~20 ms, losing the warm start, and the stance foot's
    // force spikes and drops out.) Its velocity must be set after Bullet's kinematic-state
    // save, which would otherwise recompute it from the transform (reference/bullet-3.24.md).
    w.setInternalTickCallback(
        [](btDynamicsWorld* dw, btScalar step) {
            auto* self = static_cast<PhysicsWorld*>(dw->getWorldUserInfo());
            auto& im = *self->impl_;
            if (!im.belt) return;
            im.belt_offset += im.belt_velocity * step;
            // Wrap well inside the box's extra length (a wrap re-creates the contacts once).
            if (im.belt_offset.length() > kBeltTravel) im.belt_offset.setZero();
            btTransform t = im.belt_home;
            t.setOrigin(t.getOrigin() + im.belt_offset);
            im.belt->setWorldTransform(t);
            im.belt->setInterpolationWorldTransform(t);
            im.belt->setLinearVelocity(im.belt_velocity);
            im.belt->setInterpolationLinearVelocity(im.belt_velocity);
        },
        this, true);

    // ---- neutral-pose segment origins (world, before lifting) ----
    const int nseg = int(m.segments().size());
    std::vector<Eigen::Vector3d> origin(nseg, Eigen::Vector3d::Zero());
    for (const auto& j : m.joints()) origin[j.child] = origin[j.parent] + ev(j.location);
    // Lift the upright walker so that its lowest point clears the (possibly tilted) surface
    // plane through the origin by 2 mm.
    const Eigen::Vector3d n(-std::sin(incline_angle_), std::cos(incline_angle_), 0.0);
    double lowest = 1e9;  // smallest height above the surface plane
    for (int s = 0; s < nseg; ++s)
        for (const auto& sh : m.segments()[s].shapes) {
            const Eigen::Vector3d c = origin[s] + ev(sh.centre);
            if (sh.type == ShapeType::Box) {
                for (int corner = 0; corner < 8; ++corner) {
                    const Eigen::Vector3d d((corner & 1 ? 0.5 : -0.5) * sh.size[0], (corner & 2 ? 0.5 : -0.5) * sh.size[1],
                                            (corner & 4 ? 0.5 : -0.5) * sh.size[2]);
                    lowest = std::min(lowest, n.dot(c + d));
                }
            } else if (sh.type == ShapeType::Capsule) {
                for (double e : {-0.5, 0.5})
                    lowest = std::min(lowest, n.dot(c + Eigen::Vector3d(0, e * sh.size[1], 0)) - sh.size[0]);
            } else {
                lowest = std::min(lowest, n.dot(c) - sh.size[0]);
            }
        }
    const double lift = (0.002 - lowest) / n.y();
    for (auto& o : origin) o.y() += lift;

    // ---- multibody ----
    const int nlinks = int(m.coordinates().size());
    const auto& pelvis = m.segments()[0].inertial;
    impl_->body = std::make_unique<btMultiBody>(nlinks, pelvis.mass, bt(pelvis.inertia), false, false);
    btMultiBody* mb = impl_->body.get();
    body_ = mb;
    mb->setBasePos(bt(Eigen::Vector3d(origin[0] + ev(pelvis.com))));
    mb->setWorldToBaseRot(btQuaternion::getIdentity());
    link_of_coord_.assign(nlinks, -1);
    link_of_segment_.assign(nseg, -1);
    impl_->segment_of_link.assign(nlinks + 1, -1);
    impl_->segment_of_link[0] = 0;
    int link = 0;
    for (const auto& j : m.joints()) {
        const auto& childIn = m.segments()[j.child].inertial;
        const auto& parentIn = m.segments()[j.parent].inertial;
        int parentLink = link_of_segment_[j.parent];
        for (std::size_t k = 0; k < j.coordinates.size(); ++k) {
            const bool last = k + 1 == j.coordinates.size();
            const Coordinate& c = m.coordinates()[j.coordinates[k]];
            const btVector3 pivotFromParent = k == 0 ? bt(Eigen::Vector3d(ev(j.location) - ev(parentIn.com))) : btVector3(0, 0, 0);
            const btVector3 comFromPivot = last ? bt(childIn.com) : btVector3(0, 0, 0);
            const double mass = last ? childIn.mass : 0.0;
            const btVector3 inertia = last ? bt(childIn.inertia) : btVector3(0, 0, 0);
            mb->setupRevolute(link, mass, inertia, parentLink, btQuaternion::getIdentity(), bt(c.axis),
                              pivotFromParent, comFromPivot, true);
            link_of_coord_[j.coordinates[k]] = link;
            parentLink = link;
            ++link;
        }
        link_of_segment_[j.child] = parentLink;
        impl_->segment_of_link[parentLink + 1] = j.child;
    }
    mb->finalizeMultiDof();
    mb->setLinearDamping(0);   // Bullet's default 0.04 would hide energy loss (reference/bullet-3.24.md)
    mb->setAngularDamping(0);
    mb->setHasSelfCollision(false);
    mb->setCanSleep(false);
    for (int c = 0; c < nlinks; ++c) mb->setJointPos(link_of_coord_[c], m.coordinates()[c].neutral);
    w.addMultiBody(mb);

    // ---- colliders ----
    const double friction = m.desc().contact_friction;
    for (int s = 0; s < nseg; ++s) {
        const auto& seg = m.segments()[s];
        if (seg.shapes.empty()) continue;
        auto compound = std::make_unique<btCompoundShape>();
        for (const auto& sh : seg.shapes) {
            std::unique_ptr<btCollisionShape> shape;
            if (sh.type == ShapeType::Box) shape = std::make_unique<btBoxShape>(btVector3(sh.size[0] / 2, sh.size[1] / 2, sh.size[2] / 2));
            else if (sh.type == ShapeType::Capsule) shape = std::make_unique<btCapsuleShape>(sh.size[0], sh.size[1]);
            else shape = std::make_unique<btSphereShape>(sh.size[0]);
            shape->setMargin(0.001);
            btTransform t;
            t.setIdentity();
            // Link frames sit at the segment's centre of mass.
            t.setOrigin(bt(Eigen::Vector3d(ev(sh.centre) - ev(seg.inertial.com))));
            compound->addChildShape(t, shape.get());
            impl_->shapes.push_back(std::move(shape));
        }
        const int l = link_of_segment_[s];
        auto col = std::make_unique<btMultiBodyLinkCollider>(mb, l);
        col->setCollisionShape(compound.get());
        col->setFriction(friction);
        col->setRestitution(0);
        // A compliant contact: Bullet turns stiffness k and damping c into the contact row's
        // error reduction k·dt/(k·dt + c) and mixing 1/(k·dt + c), an implicit spring-damper
        // per contact point (the ground's own stiffness is infinite, so k is the pair's).
        if (m.desc().contact_stiffness > 0) col->setContactStiffnessAndDamping(m.desc().contact_stiffness, m.desc().contact_damping);
        w.addCollisionObject(col.get(), kGroupWalker, kGroupSurface);
        if (l < 0) mb->setBaseCollider(col.get());
        else mb->getLink(l).m_collider = col.get();
        impl_->shapes.push_back(std::move(compound));
        impl_->colliders.push_back(std::move(col));
    }

    // ---- joint limits ----
    for (int c = 0; c < nlinks; ++c) {
        const auto& co = m.coordinates()[c];
        auto lim = std::make_unique<btMultiBodyJointLimitConstraint>(mb, link_of_coord_[c], co.range_min, co.range_max);
        w.addMultiBodyConstraint(lim.get());
        impl_->limits.push_back(std::move(lim));
    }

    // ---- surfaces ----
    auto addSurface = [&](const btVector3& halfExtents, const btTransform& t, bool kinematic) {
        auto shape = std::make_unique<btBoxShape>(halfExtents);
        btRigidBody::btRigidBodyConstructionInfo info(0.0, nullptr, shape.get());
        info.m_startWorldTransform = t;
        info.m_friction = scene_.friction;
        info.m_restitution = 0;
        auto body = std::make_unique<btRigidBody>(info);
        if (kinematic) {
            body->setCollisionFlags(body->getCollisionFlags() | btCollisionObject::CF_KINEMATIC_OBJECT);
            body->setActivationState(DISABLE_DEACTIVATION);
        }
        w.addRigidBody(body.get(), kGroupSurface, kGroupWalker);
        btRigidBody* raw = body.get();
        impl_->shapes.push_back(std::move(shape));
        impl_->statics.push_back(std::move(body));
        return raw;
    };
    const btQuaternion tilt(btVector3(0, 0, 1), incline_angle_);
    if (scene_.surface == SurfaceType::Treadmill) {
        const double thick = 0.05;
        btTransform t(tilt, btMatrix3x3(tilt) * btVector3(0, -thick / 2, 0));
        impl_->belt = addSurface(btVector3(scene_.belt_length_m / 2 + kBeltTravel + 1.0, thick / 2, scene_.belt_width_m / 2), t, true);
        impl_->belt_home = t;
        // The room's floor, 0.2 m below the belt: stepping off the belt ends in a fall.
        btTransform f(btQuaternion::getIdentity(), btVector3(0, -0.2 - 0.5 - scene_.belt_length_m / 2 * std::fabs(std::sin(incline_angle_)), 0));
        addSurface(btVector3(100, 0.5, 100), f, false);
    } else {
        const double thick = 1.0;
        btTransform t(tilt, btMatrix3x3(tilt) * btVector3(0, -thick / 2, 0));
        addSurface(btVector3(500, thick / 2, 50), t, false);
    }
    w.updateAabbs();
    mb->forwardKinematics(impl_->scratch_q, impl_->scratch_v);
    mb->updateCollisionObjectWorldTransforms(impl_->scratch_q, impl_->scratch_v);

    foot_segment_ = {m.segmentIndex("foot_r"), m.segmentIndex("foot_l")};
    // A foot may carry a toe segment (a child of the foot on an MTP joint): its contacts are the
    // foot's (one ground reaction per side, as a force plate under the whole foot measures).
    side_of_segment_.assign(m.segments().size(), -1);
    for (int i = 0; i < int(m.segments().size()); ++i) {
        const int pj = m.segments()[i].parent_joint;
        const int parent = pj >= 0 ? m.joints()[pj].parent : -1;
        for (int s = 0; s < 2; ++s)
            if (foot_segment_[s] >= 0 && (i == foot_segment_[s] || parent == foot_segment_[s])) side_of_segment_[i] = s;
    }
    for (int c = 0; c < numCoordinates(); ++c) {
        const Coordinate& co = m.coordinates()[c];
        if (co.passive_stiffness <= 0 && co.passive_damping <= 0) continue;
        // The child segment's moment of inertia about the coordinate's axis through the joint
        // centre (the frame's origin): a light link's own inertia, which an implicit step needs.
        const SegmentInertia& in = m.segments()[m.joints()[co.joint].child].inertial;
        const Eigen::Vector3d a = Eigen::Vector3d(co.axis[0], co.axis[1], co.axis[2]).normalized();
        const Eigen::Vector3d r(in.com[0], in.com[1], in.com[2]);
        const double I = a.dot(Eigen::Vector3d(in.inertia[0], in.inertia[1], in.inertia[2]).cwiseProduct(a)) +
                         in.mass * (r.squaredNorm() - std::pow(r.dot(a), 2));
        passive_.push_back({c, I});
    }
}

void PhysicsWorld::setJointTorques(const Eigen::VectorXd& tau) {
    for (int c = 0; c < numCoordinates(); ++c) body_->addJointTorque(link_of_coord_[c], tau[c]);
}

void PhysicsWorld::addPelvisForce(const Eigen::Vector3d& f) { body_->addBaseForce(bt(f)); }

void PhysicsWorld::step() {
    // Passive joint springs and dampers (model coordinates that give them), integrated
    // implicitly so that a stiff spring on a light link (a toe: k·dt²/I ≈ 0.1, c·dt/I ≈ 2) stays
    // stable: the torque of backward Euler for I q'' = -k (q - q0) - c q' over this step,
    // tau = -(k (q - q0) + (c + k dt) q') / (1 + (c dt + k dt²) / I), I the child's inertia about
    // the axis. It tends to -k (q - q0) - c q' as dt -> 0.
    for (const Passive& p : passive_) {
        const auto& co = model_->coordinates()[p.coord];
        const double k = co.passive_stiffness, c = co.passive_damping;
        const double tau = -(k * (q(p.coord) - co.neutral) + (c + k * dt_) * qd(p.coord)) / (1.0 + (c * dt_ + k * dt_ * dt_) / p.inertia);
        body_->addJointTorque(link_of_coord_[p.coord], tau);
    }
    impl_->world.stepSimulation(dt_, 0, dt_);
    time_ += dt_;
    stateChanged();
    // Bullet refreshes the links' cached world transforms before integrating; refresh them
    // after, so that readouts see the state at the end of the step.
    body_->forwardKinematics(impl_->scratch_q, impl_->scratch_v);
    readContacts();
}

void PhysicsWorld::readContacts() {
    feet_ = {};
    total_contact_.setZero();
    non_foot_contact_ = false;
    std::array<double, 2> normalSum{0, 0};
    std::array<Eigen::Vector3d, 2> copSum{Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero()};
    auto& disp = impl_->dispatcher;
    for (int i = 0; i < disp.getNumManifolds(); ++i) {
        btPersistentManifold* man = disp.getManifoldByIndexInternal(i);
        const auto* c0 = btMultiBodyLinkCollider::upcast(man->getBody0());
        const auto* c1 = btMultiBodyLinkCollider::upcast(man->getBody1());
        const btMultiBodyLinkCollider* me = c0 && c0->m_multiBody == body_ ? c0 : (c1 && c1->m_multiBody == body_ ? c1 : nullptr);
        if (!me) continue;
        const double sign = me == c0 ? 1.0 : -1.0;
        const int seg = impl_->segment_of_link[me->m_link + 1];
        const int side = seg >= 0 ? side_of_segment_[seg] : -1;
        for (int p = 0; p < man->getNumContacts(); ++p) {
            const btManifoldPoint& pt = man->getContactPoint(p);
            if (pt.getDistance() > 0.005 && pt.m_appliedImpulse == 0) continue;
            const btVector3 imp = pt.m_normalWorldOnB * pt.m_appliedImpulse +
                                  pt.m_lateralFrictionDir1 * pt.m_appliedImpulseLateral1 +
                                  pt.m_lateralFrictionDir2 * pt.m_appliedImpulseLateral2;
            const Eigen::Vector3d f = sign * ev(imp) / dt_;
            total_contact_ += f;
            if (side < 0) {
                if (pt.m_appliedImpulse > 0) non_foot_contact_ = true;
                continue;
            }
            feet_[side].force += f;
            feet_[side].points += 1;
            const double fn = std::max(0.0, double(pt.m_appliedImpulse)) / dt_;
            normalSum[side] += fn;
            copSum[side] += fn * ev(pt.getPositionWorldOnB());
        }
    }
    for (int s = 0; s < 2; ++s)
        if (normalSum[s] > 0) feet_[s].cop = copSum[s] / normalSum[s];
}

double PhysicsWorld::q(int c) const { return body_->getJointPos(link_of_coord_[c]); }
double PhysicsWorld::qd(int c) const { return body_->getJointVel(link_of_coord_[c]); }

Eigen::VectorXd PhysicsWorld::positions() const {
    Eigen::VectorXd v(numCoordinates());
    for (int c = 0; c < numCoordinates(); ++c) v[c] = q(c);
    return v;
}
Eigen::VectorXd PhysicsWorld::velocities() const {
    Eigen::VectorXd v(numCoordinates());
    for (int c = 0; c < numCoordinates(); ++c) v[c] = qd(c);
    return v;
}

void PhysicsWorld::setCoordinate(int c, double qv, double qdv) {
    body_->setJointPos(link_of_coord_[c], qv);
    body_->setJointVel(link_of_coord_[c], qdv);
    stateChanged();
    body_->forwardKinematics(impl_->scratch_q, impl_->scratch_v);
    body_->updateCollisionObjectWorldTransforms(impl_->scratch_q, impl_->scratch_v);
}

static Eigen::Quaterniond linkRotation(const btMultiBody* mb, int link) {
    // world-from-link rotation
    btQuaternion q = link < 0 ? mb->getWorldToBaseRot().inverse() : mb->getLink(link).m_cachedWorldTransform.getRotation();
    return Eigen::Quaterniond(q.w(), q.x(), q.y(), q.z());
}

static Eigen::Vector3d linkComPosition(const btMultiBody* mb, int link) {
    return link < 0 ? ev(mb->getBasePos()) : ev(mb->getLink(link).m_cachedWorldTransform.getOrigin());
}

Pose PhysicsWorld::segmentPose(int seg) const {
    const int l = linkOfSegment(seg);
    Pose p;
    p.orientation = linkRotation(body_, l);
    p.position = linkComPosition(body_, l) - p.orientation * ev(model_->segments()[seg].inertial.com);
    return p;
}

Eigen::Vector3d PhysicsWorld::coordinateAxisWorld(int c) const {
    const int l = link_of_coord_[c];
    return linkRotation(body_, l) * ev(body_->getLink(l).getAxisTop(0));
}

Eigen::Vector3d PhysicsWorld::segmentComPosition(int seg) const { return linkComPosition(body_, linkOfSegment(seg)); }

void PhysicsWorld::linkVelocities() const {
    if (cache_.velocities) return;
    const int n = body_->getNumLinks();
    btAlignedObjectArray<btVector3>& w = impl_->scratch_w;
    btAlignedObjectArray<btVector3>& v = impl_->scratch_lv;
    w.resize(n + 1);
    v.resize(n + 1);
    body_->compTreeLinkVelocities(&w[0], &v[0]);  // local frames, base first
    cache_.omega.resize(n + 1);
    cache_.vel.resize(n + 1);
    for (int i = 0; i <= n; ++i) {
        cache_.omega[i] = ev(w[i]);
        cache_.vel[i] = ev(v[i]);
    }
    cache_.velocities = true;
}

Eigen::Vector3d PhysicsWorld::segmentComVelocity(int seg) const {
    linkVelocities();
    const int l = linkOfSegment(seg);
    return linkRotation(body_, l) * cache_.vel[l + 1];
}

Eigen::Vector3d PhysicsWorld::segmentAngularVelocity(int seg) const {
    linkVelocities();
    const int l = linkOfSegment(seg);
    return linkRotation(body_, l) * cache_.omega[l + 1];
}

Eigen::Vector3d PhysicsWorld::centreOfMass() const {
    if (cache_.com) return cache_.com_position;
    Eigen::Vector3d c = Eigen::Vector3d::Zero();
    double M = 0;
    for (std::size_t s = 0; s < model_->segments().size(); ++s) {
        const double m = model_->segments()[s].inertial.mass;
        c += m * segmentComPosition(int(s));
        M += m;
    }
    cache_.com_position = c / M;
    cache_.com = true;
    return cache_.com_position;
}

Eigen::Vector3d PhysicsWorld::centreOfMassVelocity() const {
    if (cache_.com_velocity) return cache_.com_linear_velocity;
    linkVelocities();
    Eigen::Vector3d v = Eigen::Vector3d::Zero();
    double M = 0;
    for (std::size_t s = 0; s < model_->segments().size(); ++s) {
        const double m = model_->segments()[s].inertial.mass;
        const int l = linkOfSegment(int(s));
        v += m * (linkRotation(body_, l) * cache_.vel[l + 1]);
        M += m;
    }
    cache_.com_linear_velocity = v / M;
    cache_.com_velocity = true;
    return cache_.com_linear_velocity;
}

double PhysicsWorld::mechanicalEnergy() const {
    linkVelocities();
    const auto& omega = cache_.omega;
    const auto& vel = cache_.vel;
    double e = 0;
    for (std::size_t s = 0; s < model_->segments().size(); ++s) {
        const auto& in = model_->segments()[s].inertial;
        const int l = linkOfSegment(int(s));
        const Eigen::Vector3d& v = vel[l + 1];
        const Eigen::Vector3d& w = omega[l + 1];  // local frames: principal axes
        e += 0.5 * in.mass * v.squaredNorm();
        e += 0.5 * (in.inertia[0] * w.x() * w.x() + in.inertia[1] * w.y() * w.y() + in.inertia[2] * w.z() * w.z());
        e += in.mass * scene_.gravity * segmentComPosition(int(s)).y();
    }
    return e;
}

Eigen::Vector3d PhysicsWorld::pelvisAngles() const {
    const Eigen::Matrix3d R = segmentPose(0).orientation.toRotationMatrix();
    // R = Rz(tilt) Rx(list) Ry(rotation)
    const double list = std::asin(std::clamp(R(2, 1), -1.0, 1.0));
    const double rot = std::atan2(-R(2, 0), R(2, 2));
    const double tilt = std::atan2(-R(0, 1), R(1, 1));
    return {tilt, list, rot};
}

bool PhysicsWorld::healthy() const {
    const Eigen::Vector3d p = ev(body_->getBasePos());
    const Eigen::Vector3d v = ev(body_->getBaseVel());
    if (!p.allFinite() || !v.allFinite() || v.norm() > 50.0 || p.norm() > 1e5) return false;
    for (int c = 0; c < numCoordinates(); ++c) {
        const double a = q(c), w = qd(c);
        if (!std::isfinite(a) || !std::isfinite(w) || std::fabs(w) > 200.0) return false;
    }
    return true;
}

void PhysicsWorld::setBaseVelocity(const Eigen::Vector3d& v) {
    body_->setBaseVel(bt(v));
    stateChanged();
}

void PhysicsWorld::setBasePose(const Pose& p) {
    const Eigen::Vector3d com = p.position + p.orientation * ev(model_->segments()[0].inertial.com);
    body_->setBasePos(bt(com));
    btQuaternion q(p.orientation.x(), p.orientation.y(), p.orientation.z(), p.orientation.w());
    body_->setWorldToBaseRot(q.inverse());
    stateChanged();
    body_->forwardKinematics(impl_->scratch_q, impl_->scratch_v);
    body_->updateCollisionObjectWorldTransforms(impl_->scratch_q, impl_->scratch_v);
}

} // namespace rg
