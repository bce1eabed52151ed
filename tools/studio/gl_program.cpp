#include "gl_program.hpp"

#include "embedded_shaders.hpp"

#include <stdexcept>
#include <vector>

namespace studio {

const std::string& shaderSource(const std::string& name) {
    const auto& all = embeddedShaders();
    const auto it = all.find(name);
    if (it == all.end()) throw std::runtime_error("shader " + name + " is not among the embedded shaders/");
    return it->second;
}

namespace {
/// The info log of a shader or a program (their getters differ only in name).
template <class GetIv, class GetLog>
std::string infoLog(GLuint id, GetIv get_iv, GetLog get_log) {
    GLint n = 0;
    get_iv(id, GL_INFO_LOG_LENGTH, &n);
    std::vector<char> log(std::max(n, 1));
    get_log(id, n, nullptr, log.data());
    return log.data();
}

GLuint compile(GLenum type, const std::string& name) {
    const std::string& src = shaderSource(name);
    const GLuint s = glCreateShader(type);
    const char* p = src.c_str();
    glShaderSource(s, 1, &p, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        const std::string log = infoLog(s, glGetShaderiv, glGetShaderInfoLog);
        glDeleteShader(s);
        throw std::runtime_error("shaders/" + name + ": " + log);
    }
    return s;
}
} // namespace

Program::Program(const std::string& vertex, const std::string& fragment) {
    const GLuint vs = compile(GL_VERTEX_SHADER, vertex);
    const GLuint fs = compile(GL_FRAGMENT_SHADER, fragment);
    id_ = glCreateProgram();
    glAttachShader(id_, vs);
    glAttachShader(id_, fs);
    glLinkProgram(id_);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(id_, GL_LINK_STATUS, &ok);
    if (!ok) throw std::runtime_error("linking " + vertex + " + " + fragment + ": " + infoLog(id_, glGetProgramiv, glGetProgramInfoLog));
}

Program::~Program() {
    if (id_) glDeleteProgram(id_);
}

Program& Program::operator=(Program&& o) noexcept {
    if (this != &o) {
        if (id_) glDeleteProgram(id_);
        id_ = o.id_;
        o.id_ = 0;
    }
    return *this;
}

} // namespace studio
