#pragma once
/// Small OpenGL helpers: shader programs from the embedded shaders/ sources, uniform setters.
#include <epoxy/gl.h>

#include <Eigen/Dense>

#include <string>

namespace studio {

/// A linked program of shaders/<vertex> and shaders/<fragment>. Throws std::runtime_error
/// with the compiler's log on failure.
class Program {
public:
    Program() = default;
    Program(const std::string& vertex, const std::string& fragment);
    ~Program();
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;
    Program(Program&& o) noexcept : id_(o.id_) { o.id_ = 0; }
    Program& operator=(Program&& o) noexcept;

    void use() const { glUseProgram(id_); }
    GLint loc(const char* name) const { return glGetUniformLocation(id_, name); }
    void set(const char* name, int v) const { glUniform1i(loc(name), v); }
    void set(const char* name, float v) const { glUniform1f(loc(name), v); }
    void set(const char* name, const Eigen::Vector2f& v) const { glUniform2f(loc(name), v.x(), v.y()); }
    void set(const char* name, const Eigen::Vector3f& v) const { glUniform3f(loc(name), v.x(), v.y(), v.z()); }
    void set(const char* name, const Eigen::Vector4f& v) const { glUniform4f(loc(name), v.x(), v.y(), v.z(), v.w()); }
    void set(const char* name, const Eigen::Matrix4f& m) const { glUniformMatrix4fv(loc(name), 1, GL_FALSE, m.data()); }

private:
    GLuint id_ = 0;
};

/// The source of shaders/<name> (embedded at build time).
const std::string& shaderSource(const std::string& name);

} // namespace studio
