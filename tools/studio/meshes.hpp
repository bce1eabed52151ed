#pragma once
/// Unit meshes of the lit solids and their instanced drawing: a box (unit cube), a capsule
/// (unit sphere split at the equator; the vertex shader stretches it by the half-length) and a
/// cone (unit radius, unit height, apex on +y).
#include <epoxy/gl.h>

#include <cstdint>
#include <vector>

namespace studio {

struct Vertex {
    float pos[3];
    float normal[3];
    float cap;  ///< capsule hemisphere: +1 top, −1 bottom, 0 otherwise
};

/// Per-instance data (matches solid.vert's attributes 3–8).
struct Instance {
    float model[16];   ///< column-major rotation + translation
    float shape[4];    ///< scale of the unit mesh (xyz), capsule half-length (w)
    float colour[4];
};

struct MeshData {
    std::vector<Vertex> vertices;
    std::vector<std::uint32_t> indices;
};

MeshData boxMesh();
MeshData capsuleMesh(int slices = 20, int stacks_per_hemisphere = 6);
MeshData coneMesh(int slices = 16);

/// A mesh on the GPU with an instance buffer.
class InstancedMesh {
public:
    InstancedMesh() = default;
    explicit InstancedMesh(const MeshData& data);
    ~InstancedMesh();
    InstancedMesh(const InstancedMesh&) = delete;
    InstancedMesh& operator=(const InstancedMesh&) = delete;
    /// Uploads the instances and draws them with the bound program.
    void draw(const std::vector<Instance>& instances);

private:
    GLuint vao_ = 0, vbo_ = 0, ibo_ = 0, instances_ = 0;
    GLsizei index_count_ = 0;
    std::size_t capacity_ = 0;
};

} // namespace studio
