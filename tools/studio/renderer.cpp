#include "renderer.hpp"

#include <algorithm>
#include <cmath>

namespace studio {

namespace {
Instance makeInstance(const Eigen::Vector3d& p, const Eigen::Quaterniond& q, const Eigen::Vector4f& shape,
                      const rg::Colour& c) {
    Instance in{};
    Eigen::Matrix4f m = Eigen::Matrix4f::Identity();
    m.block<3, 3>(0, 0) = q.normalized().toRotationMatrix().cast<float>();
    m.block<3, 1>(0, 3) = p.cast<float>();
    std::copy(m.data(), m.data() + 16, in.model);
    for (int i = 0; i < 4; ++i) in.shape[i] = shape[i];
    in.colour[0] = c.r;
    in.colour[1] = c.g;
    in.colour[2] = c.b;
    in.colour[3] = c.a;
    return in;
}

/// Projects points onto the plane n·x + d = 0 along the direction l (towards the light).
Eigen::Matrix4f planarShadow(const Eigen::Vector3d& n, double d, const Eigen::Vector3d& l) {
    const Eigen::Vector4d P(n.x(), n.y(), n.z(), d);
    const Eigen::Vector4d L(l.x(), l.y(), l.z(), 0.0);
    const Eigen::Matrix4d M = P.dot(L) * Eigen::Matrix4d::Identity() - L * P.transpose();
    return M.cast<float>();
}

rg::Colour scaled(rg::Colour c, float k) {
    c.r *= k;
    c.g *= k;
    c.b *= k;
    return c;
}
} // namespace

void Renderer::Batch::clear() {
    for (int k = 0; k < kMeshKinds; ++k) {
        opaque[k].clear();
        shadow[k].clear();
    }
    translucent.clear();
}

Renderer::Renderer()
    : solid_("solid.vert", "solid.frag"), surface_("surface.vert", "surface.frag"), sky_("sky.vert", "sky.frag") {
    meshes_[kBox] = std::make_unique<InstancedMesh>(boxMesh());
    meshes_[kCapsule] = std::make_unique<InstancedMesh>(capsuleMesh());
    meshes_[kCone] = std::make_unique<InstancedMesh>(coneMesh());
    meshes_[kTube] = std::make_unique<InstancedMesh>(capsuleMesh(8, 2));
    const float quad[] = {-1, 0, -1, 1, 0, -1, 1, 0, 1, -1, 0, 1};
    glGenVertexArrays(1, &quad_vao_);
    glBindVertexArray(quad_vao_);
    glGenBuffers(1, &quad_vbo_);
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
    glBufferData(GL_ARRAY_BUFFER, sizeof(quad), quad, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
    glGenVertexArrays(1, &empty_vao_);
    glBindVertexArray(0);
}

Renderer::~Renderer() {
    glDeleteBuffers(1, &quad_vbo_);
    glDeleteVertexArrays(1, &quad_vao_);
    glDeleteVertexArrays(1, &empty_vao_);
}

void Renderer::addSolid(const rg::DrawSolid& s, bool casts_shadow, const Eigen::Vector3d& eye) {
    MeshKind mesh = kBox;
    Eigen::Vector4f shape;
    switch (s.shape) {
    case rg::SolidShape::Box:
        shape = {float(s.size.x()), float(s.size.y()), float(s.size.z()), 0.f};
        break;
    case rg::SolidShape::Capsule: {
        mesh = kCapsule;
        const double rz = s.size.z() > 0 ? s.size.z() : s.size.x();
        const double cap = s.cap_m >= 0 ? s.cap_m : s.size.x();
        shape = {float(s.size.x()), float(cap), float(rz), float(s.size.y())};
        break;
    }
    case rg::SolidShape::Sphere:
        mesh = kCapsule;
        shape = {float(s.size.x()), float(s.size.x()), float(s.size.x()), 0.f};
        break;
    }
    const Instance in = makeInstance(s.position, s.orientation, shape, s.colour);
    if (s.colour.a < 0.999f) batch_.translucent.push_back({mesh, in, float((s.position - eye).norm())});
    else batch_.opaque[mesh].push_back(in);
    if (casts_shadow) batch_.shadow[mesh].push_back(in);
}

void Renderer::addTube(const Eigen::Vector3d& a, const Eigen::Vector3d& b, double r, const rg::Colour& c, bool shadow) {
    const Eigen::Vector3d d = b - a;
    const double len = d.norm();
    const Eigen::Quaterniond q =
        len > 1e-9 ? Eigen::Quaterniond::FromTwoVectors(Eigen::Vector3d::UnitY(), d / len) : Eigen::Quaterniond::Identity();
    const Instance in = makeInstance(0.5 * (a + b), q, {float(r), float(r), float(r), float(len / 2)}, c);
    batch_.opaque[kTube].push_back(in);
    if (shadow) batch_.shadow[kTube].push_back(in);
}

void Renderer::addArrow(const rg::DrawArrow& a) {
    const double len = a.vector.norm();
    if (len < 1e-6) return;
    const Eigen::Vector3d dir = a.vector / len;
    const double head = std::min(0.3 * len, 7.0 * a.radius_m);
    const double head_r = 2.4 * a.radius_m;
    const Eigen::Vector3d neck = a.tail + (len - head) * dir;
    addTube(a.tail, neck, a.radius_m, a.colour, false);
    const Eigen::Quaterniond q = Eigen::Quaterniond::FromTwoVectors(Eigen::Vector3d::UnitY(), dir);
    batch_.opaque[kCone].push_back(makeInstance(neck, q, {float(head_r), float(head), float(head_r), 0.f}, a.colour));
}

void Renderer::collect(const rg::DrawList& l, const Eigen::Vector3d& eye) {
    for (const auto& s : l.solids) addSolid(s, s.segment >= 0, eye);
    for (const auto& s : l.surfaces) {
        if (s.thickness_m <= 0) continue;
        // The belt's body under its striped top face.
        rg::DrawSolid b;
        b.shape = rg::SolidShape::Box;
        b.orientation = s.orientation;
        b.position = s.centre - s.orientation * Eigen::Vector3d(0, s.thickness_m / 2 + 0.001, 0);
        b.size = {2 * s.half_extents.x(), s.thickness_m, 2 * s.half_extents.y()};
        b.colour = scaled(s.colour, 0.8f);
        addSolid(b, false, eye);
    }
    for (const auto& m : l.muscles)
        for (std::size_t k = 1; k < m.path.size(); ++k) addTube(m.path[k - 1], m.path[k], m.radius_m, m.colour, false);
    for (const auto& o : l.outlines) {
        const std::size_t n = o.points.size();
        for (std::size_t k = 1; k < n; ++k) addTube(o.points[k - 1], o.points[k], o.radius_m, o.colour, false);
        if (o.closed && n > 2) addTube(o.points[n - 1], o.points[0], o.radius_m, o.colour, false);
    }
    for (const auto& m : l.markers) {
        rg::DrawSolid s;
        s.shape = rg::SolidShape::Sphere;
        s.position = m.position;
        s.size = {m.radius_m, 0, 0};
        s.colour = m.colour;
        addSolid(s, false, eye);
    }
    for (const auto& a : l.arrows) addArrow(a);
}

void Renderer::drawSurfaces(const std::vector<const rg::DrawList*>& lists, const Eigen::Matrix4f& vp,
                            const Eigen::Vector3d& eye, const RenderOptions& o) {
    surface_.use();
    surface_.set("uViewProj", vp);
    surface_.set("uEye", Eigen::Vector3f(eye.cast<float>()));
    surface_.set("uLightDir", Eigen::Vector3f(o.light_dir.normalized()));
    surface_.set("uFogColour", o.sky_horizon);
    glBindVertexArray(quad_vao_);
    for (const auto* l : lists)
        for (const auto& s : l->surfaces) {
            Eigen::Matrix4f m = Eigen::Matrix4f::Identity();
            m.block<3, 3>(0, 0) = s.orientation.toRotationMatrix().cast<float>();
            m.block<3, 1>(0, 3) = s.centre.cast<float>();
            const Eigen::Vector3d n = s.orientation * Eigen::Vector3d::UnitY();
            surface_.set("uModel", m);
            surface_.set("uNormal", Eigen::Vector3f(n.cast<float>()));
            surface_.set("uHalfExtents", Eigen::Vector2f(s.half_extents.cast<float>()));
            surface_.set("uColour", Eigen::Vector4f(s.colour.r, s.colour.g, s.colour.b, s.colour.a));
            surface_.set("uStripeColour", Eigen::Vector4f(s.stripe_colour.r, s.stripe_colour.g, s.stripe_colour.b, 1));
            surface_.set("uStripeOffset", float(s.stripe_offset_m));
            surface_.set("uStripeSpacing", float(s.stripe_spacing_m));
            // Stencil: 1 marks a belt, 2 a floor, for the shadows drawn onto each.
            glStencilFunc(GL_ALWAYS, s.kind == rg::SurfaceKind::Belt ? 1 : 2, 0xff);
            glDrawArrays(GL_TRIANGLE_FAN, 0, 4);
        }
    glBindVertexArray(0);
}

void Renderer::render(const std::vector<const rg::DrawList*>& lists, const rg::OrbitCamera& cam, int x, int y, int w,
                      int h, const RenderOptions& o) {
    glViewport(x, y, w, h);
    glScissor(x, y, w, h);
    glEnable(GL_SCISSOR_TEST);
    glClearColor(o.sky_horizon.x(), o.sky_horizon.y(), o.sky_horizon.z(), 1);
    glClearStencil(0);
    glDepthMask(GL_TRUE);
    glStencilMask(0xff);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    const Eigen::Matrix4f vp = cam.projection(double(w) / std::max(h, 1)) * cam.view();
    const Eigen::Vector3d eye = cam.eye();
    const Eigen::Vector3f light = o.light_dir.normalized();

    // Surfaces, marking the stencil.
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glEnable(GL_STENCIL_TEST);
    glStencilMask(0xff);
    glStencilOp(GL_KEEP, GL_KEEP, GL_REPLACE);
    drawSurfaces(lists, vp, eye, o);

    // Opaque solids clear the stencil where they cover a surface.
    batch_.clear();
    for (const auto* l : lists) collect(*l, eye);
    glStencilFunc(GL_ALWAYS, 0, 0xff);
    solid_.use();
    solid_.set("uViewProj", vp);
    solid_.set("uShadow", Eigen::Matrix4f(Eigen::Matrix4f::Identity()));
    solid_.set("uEye", Eigen::Vector3f(eye.cast<float>()));
    solid_.set("uLightDir", light);
    solid_.set("uFlat", 0);
    last_instances_ = 0;
    // Closed meshes, wound counter-clockwise outside: back faces need no drawing.
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    for (int k = 0; k < kMeshKinds; ++k) {
        meshes_[k]->draw(batch_.opaque[k]);
        last_instances_ += int(batch_.opaque[k].size());
    }
    glDisable(GL_CULL_FACE);

    // The sky fills only what nothing covers: drawn at the far plane behind everything (a
    // software renderer pays for every pixel shaded).
    glDisable(GL_STENCIL_TEST);
    sky_.use();
    sky_.set("uTop", o.sky_top);
    sky_.set("uHorizon", o.sky_horizon);
    glBindVertexArray(empty_vao_);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glEnable(GL_STENCIL_TEST);
    solid_.use();

    // Planar shadows onto each surface plane, each pixel darkened once (the stencil is spent).
    if (o.shadows) {
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        glDepthMask(GL_FALSE);
        glEnable(GL_POLYGON_OFFSET_FILL);
        glPolygonOffset(-1.0f, -2.0f);
        glStencilOp(GL_KEEP, GL_KEEP, GL_ZERO);
        solid_.set("uFlat", 1);
        solid_.set("uFlatColour", Eigen::Vector4f(0.02f, 0.03f, 0.05f, 0.38f));
        // A closed solid projected onto the plane covers its shadow twice, once with each
        // winding: keep the faces turned towards the light, which project with the winding
        // the camera sees from above the plane.
        glEnable(GL_CULL_FACE);
        for (const auto* l : lists)
            for (const auto& s : l->surfaces) {
                const Eigen::Vector3d n = s.orientation * Eigen::Vector3d::UnitY();
                const double d = -n.dot(s.centre) - 0.001;  // a millimetre above the surface
                solid_.set("uShadow", planarShadow(n, d, light.cast<double>()));
                glCullFace(n.dot(eye) + d > 0 ? GL_BACK : GL_FRONT);
                glStencilFunc(GL_EQUAL, s.kind == rg::SurfaceKind::Belt ? 1 : 2, 0xff);
                for (int k = 0; k < kMeshKinds; ++k) meshes_[k]->draw(batch_.shadow[k]);
            }
        glDisable(GL_POLYGON_OFFSET_FILL);
        glDisable(GL_CULL_FACE);
        glCullFace(GL_BACK);
        glDepthMask(GL_TRUE);
        solid_.set("uFlat", 0);
        solid_.set("uShadow", Eigen::Matrix4f(Eigen::Matrix4f::Identity()));
    }
    glDisable(GL_STENCIL_TEST);

    // Translucent solids, back to front, without writing depth.
    if (!batch_.translucent.empty()) {
        std::sort(batch_.translucent.begin(), batch_.translucent.end(),
                  [](const auto& a, const auto& b) { return a.depth > b.depth; });
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        glDepthMask(GL_FALSE);
        glEnable(GL_CULL_FACE);  // only the near side of each translucent solid
        std::vector<Instance> one(1);
        for (const auto& t : batch_.translucent) {
            one[0] = t.inst;
            meshes_[t.mesh]->draw(one);
        }
        glDepthMask(GL_TRUE);
        glDisable(GL_CULL_FACE);
        last_instances_ += int(batch_.translucent.size());
    }
    glDisable(GL_BLEND);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_SCISSOR_TEST);
    glBindVertexArray(0);
    glUseProgram(0);
}

} // namespace studio
