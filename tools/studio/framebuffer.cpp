#include "framebuffer.hpp"

#include <stb_image_write.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace studio {

OffscreenTarget::OffscreenTarget(int w, int h, int samples) : w_(w), h_(h), samples_(samples > 1 ? samples : 0) {
    auto storage = [&](GLenum format) {
        if (samples_) glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, format, w_, h_);
        else glRenderbufferStorage(GL_RENDERBUFFER, format, w_, h_);
    };
    glGenFramebuffers(1, &fbo_);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glGenRenderbuffers(1, &colour_);
    glBindRenderbuffer(GL_RENDERBUFFER, colour_);
    storage(GL_RGBA8);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour_);
    glGenRenderbuffers(1, &depth_);
    glBindRenderbuffer(GL_RENDERBUFFER, depth_);
    storage(GL_DEPTH24_STENCIL8);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth_);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw std::runtime_error("offscreen framebuffer incomplete");
    if (samples_) {
        glGenFramebuffers(1, &resolve_fbo_);
        glBindFramebuffer(GL_FRAMEBUFFER, resolve_fbo_);
        glGenRenderbuffers(1, &resolve_colour_);
        glBindRenderbuffer(GL_RENDERBUFFER, resolve_colour_);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w_, h_);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, resolve_colour_);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            throw std::runtime_error("resolve framebuffer incomplete");
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

OffscreenTarget::~OffscreenTarget() {
    GLuint rbs[3] = {colour_, depth_, resolve_colour_};
    glDeleteRenderbuffers(3, rbs);
    GLuint fbs[2] = {fbo_, resolve_fbo_};
    glDeleteFramebuffers(2, fbs);
}

void OffscreenTarget::bind() {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, w_, h_);
}

std::vector<std::uint8_t> OffscreenTarget::readPixels() {
    if (samples_) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolve_fbo_);
        glBlitFramebuffer(0, 0, w_, h_, 0, 0, w_, h_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, resolve_fbo_);
    } else {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_);
    }
    auto px = readFramebuffer(w_, h_);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return px;
}

std::vector<std::uint8_t> readFramebuffer(int w, int h) {
    std::vector<std::uint8_t> px(std::size_t(w) * h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    // OpenGL's rows start at the bottom.
    const std::size_t row = std::size_t(w) * 4;
    std::vector<std::uint8_t> tmp(row);
    for (int y = 0; y < h / 2; ++y) {
        std::uint8_t* a = px.data() + y * row;
        std::uint8_t* b = px.data() + (h - 1 - y) * row;
        std::memcpy(tmp.data(), a, row);
        std::memcpy(a, b, row);
        std::memcpy(b, tmp.data(), row);
    }
    for (std::size_t i = 3; i < px.size(); i += 4) px[i] = 255;  // opaque picture
    return px;
}

void writePng(const std::string& path, const std::vector<std::uint8_t>& rgba, int w, int h) {
    if (!stbi_write_png(path.c_str(), w, h, 4, rgba.data(), w * 4))
        throw std::runtime_error("cannot write the screenshot " + path);
}

} // namespace studio
