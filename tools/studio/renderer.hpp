#pragma once
/// Draws DrawLists with OpenGL 3.3 core: a sky gradient, the walking surfaces with their
/// stripes, instanced lit solids (segments, scenery, muscles as tubes, arrows, markers,
/// outlines), planar shadows on the surfaces, and translucent solids last.
#include "engine/render/camera.hpp"
#include "engine/render/draw_list.hpp"
#include "gl_program.hpp"
#include "meshes.hpp"

#include <memory>
#include <vector>

namespace studio {

struct RenderOptions {
    bool shadows = true;
    Eigen::Vector3f light_dir{0.45f, 0.85f, 0.35f};   ///< towards the key light (normalised on use)
    Eigen::Vector3f sky_top{0.46f, 0.58f, 0.74f};
    Eigen::Vector3f sky_horizon{0.84f, 0.86f, 0.88f};
};

class Renderer {
public:
    Renderer();   ///< needs a current OpenGL 3.3 core context
    ~Renderer();
    /// Draws the lists into the bound framebuffer, in the viewport at (x, y) (pixels from the
    /// bottom left, as OpenGL counts) of width × height pixels.
    void render(const std::vector<const rg::DrawList*>& lists, const rg::OrbitCamera& camera, int x, int y, int width,
                int height, const RenderOptions& options = {});
    int lastInstanceCount() const { return last_instances_; }

private:
    /// kTube: a coarse capsule for thin things (muscles, outlines, arrow shafts), which are
    /// most of the instances: vertex work matters on a software renderer.
    enum MeshKind { kBox = 0, kCapsule = 1, kCone = 2, kTube = 3, kMeshKinds = 4 };
    struct Batch {
        std::vector<Instance> opaque[kMeshKinds], shadow[kMeshKinds];
        struct Translucent {
            MeshKind mesh;
            Instance inst;
            float depth;
        };
        std::vector<Translucent> translucent;
        void clear();
    };
    void collect(const rg::DrawList& list, const Eigen::Vector3d& eye);
    void addSolid(const rg::DrawSolid& s, bool casts_shadow, const Eigen::Vector3d& eye);
    void addTube(const Eigen::Vector3d& a, const Eigen::Vector3d& b, double radius, const rg::Colour& c, bool casts_shadow);
    void addArrow(const rg::DrawArrow& a);
    void drawSurfaces(const std::vector<const rg::DrawList*>& lists, const Eigen::Matrix4f& vp, const Eigen::Vector3d& eye,
                      const RenderOptions& o);

    Program solid_, surface_, sky_;
    std::unique_ptr<InstancedMesh> meshes_[kMeshKinds];
    GLuint quad_vao_ = 0, quad_vbo_ = 0, empty_vao_ = 0;
    Batch batch_;
    int last_instances_ = 0;
};

} // namespace studio
