#include "meshes.hpp"

#include <cmath>
#include <cstddef>

namespace studio {

namespace {
constexpr float kPi = 3.14159265358979f;
}

MeshData boxMesh() {
    MeshData m;
    // Six faces, four vertices each with the face normal.
    const float n[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    for (int f = 0; f < 6; ++f) {
        const int a = f / 2;                 // axis of the normal
        const int u = (a + 1) % 3, v = (a + 2) % 3;
        const float s = n[f][a];
        const std::uint32_t base = std::uint32_t(m.vertices.size());
        const float corners[4][2] = {{-0.5f, -0.5f}, {0.5f, -0.5f}, {0.5f, 0.5f}, {-0.5f, 0.5f}};
        for (const auto& c : corners) {
            Vertex vx{};
            vx.pos[a] = 0.5f * s;
            vx.pos[u] = c[0];
            vx.pos[v] = c[1];
            for (int i = 0; i < 3; ++i) vx.normal[i] = n[f][i];
            vx.cap = 0;
            m.vertices.push_back(vx);
        }
        // Counter-clockwise seen from outside.
        if (s > 0) m.indices.insert(m.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
        else m.indices.insert(m.indices.end(), {base, base + 2, base + 1, base, base + 3, base + 2});
    }
    return m;
}

MeshData capsuleMesh(int slices, int stacks) {
    MeshData m;
    // Rings from the north pole (theta = 0) to the south pole; the equator appears twice, once
    // in each hemisphere, so the band between them is the capsule's cylinder.
    std::vector<std::pair<float, float>> rings;  // (theta, cap)
    for (int i = 0; i <= stacks; ++i) rings.push_back({0.5f * kPi * i / stacks, 1.0f});
    for (int i = 0; i <= stacks; ++i) rings.push_back({0.5f * kPi + 0.5f * kPi * i / stacks, -1.0f});
    const int cols = slices + 1;
    for (const auto& [theta, cap] : rings) {
        for (int j = 0; j <= slices; ++j) {
            const float phi = 2 * kPi * j / slices;
            Vertex v{};
            v.normal[0] = std::sin(theta) * std::cos(phi);
            v.normal[1] = std::cos(theta);
            v.normal[2] = std::sin(theta) * std::sin(phi);
            for (int k = 0; k < 3; ++k) v.pos[k] = v.normal[k];
            v.cap = cap;
            m.vertices.push_back(v);
        }
    }
    for (int r = 0; r + 1 < int(rings.size()); ++r)
        for (int j = 0; j < slices; ++j) {
            const std::uint32_t a = r * cols + j, b = a + 1, c = a + cols, d = c + 1;
            m.indices.insert(m.indices.end(), {a, b, c, b, d, c});
        }
    return m;
}

MeshData coneMesh(int slices) {
    MeshData m;
    const float k = 1.0f / std::sqrt(2.0f);  // unit radius, unit height: the side leans 45°
    for (int j = 0; j <= slices; ++j) {
        const float phi = 2 * kPi * j / slices, c = std::cos(phi), s = std::sin(phi);
        Vertex rim{{c, 0, s}, {c * k, k, s * k}, 0};
        const float mid = 2 * kPi * (j + 0.5f) / slices;
        Vertex apex{{0, 1, 0}, {std::cos(mid) * k, k, std::sin(mid) * k}, 0};
        m.vertices.push_back(rim);
        m.vertices.push_back(apex);
    }
    for (int j = 0; j < slices; ++j) {
        const std::uint32_t r0 = 2 * j, a0 = 2 * j + 1, r1 = 2 * (j + 1);
        m.indices.insert(m.indices.end(), {r0, a0, r1});
    }
    // The base disc, facing −y.
    const std::uint32_t centre = std::uint32_t(m.vertices.size());
    m.vertices.push_back({{0, 0, 0}, {0, -1, 0}, 0});
    for (int j = 0; j <= slices; ++j) {
        const float phi = 2 * kPi * j / slices;
        m.vertices.push_back({{std::cos(phi), 0, std::sin(phi)}, {0, -1, 0}, 0});
    }
    for (int j = 0; j < slices; ++j) m.indices.insert(m.indices.end(), {centre, centre + 1 + j, centre + 2 + j});
    return m;
}

InstancedMesh::InstancedMesh(const MeshData& d) {
    glGenVertexArrays(1, &vao_);
    glBindVertexArray(vao_);
    glGenBuffers(1, &vbo_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(d.vertices.size() * sizeof(Vertex)), d.vertices.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, pos)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, normal)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, cap)));
    glGenBuffers(1, &ibo_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(d.indices.size() * sizeof(std::uint32_t)), d.indices.data(),
                 GL_STATIC_DRAW);
    index_count_ = GLsizei(d.indices.size());
    glGenBuffers(1, &instances_);
    glBindBuffer(GL_ARRAY_BUFFER, instances_);
    for (int c = 0; c < 4; ++c) {
        glEnableVertexAttribArray(3 + c);
        glVertexAttribPointer(3 + c, 4, GL_FLOAT, GL_FALSE, sizeof(Instance),
                              reinterpret_cast<void*>(offsetof(Instance, model) + c * 4 * sizeof(float)));
        glVertexAttribDivisor(3 + c, 1);
    }
    glEnableVertexAttribArray(7);
    glVertexAttribPointer(7, 4, GL_FLOAT, GL_FALSE, sizeof(Instance), reinterpret_cast<void*>(offsetof(Instance, shape)));
    glVertexAttribDivisor(7, 1);
    glEnableVertexAttribArray(8);
    glVertexAttribPointer(8, 4, GL_FLOAT, GL_FALSE, sizeof(Instance), reinterpret_cast<void*>(offsetof(Instance, colour)));
    glVertexAttribDivisor(8, 1);
    glBindVertexArray(0);
}

InstancedMesh::~InstancedMesh() {
    if (instances_) glDeleteBuffers(1, &instances_);
    if (ibo_) glDeleteBuffers(1, &ibo_);
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
}

void InstancedMesh::draw(const std::vector<Instance>& inst) {
    if (inst.empty()) return;
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, instances_);
    const std::size_t bytes = inst.size() * sizeof(Instance);
    if (bytes > capacity_) {
        capacity_ = bytes * 2;
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(capacity_), nullptr, GL_STREAM_DRAW);
    }
    glBufferSubData(GL_ARRAY_BUFFER, 0, GLsizeiptr(bytes), inst.data());
    glDrawElementsInstanced(GL_TRIANGLES, index_count_, GL_UNSIGNED_INT, nullptr, GLsizei(inst.size()));
    glBindVertexArray(0);
}

} // namespace studio
