#pragma once
/// An offscreen framebuffer (multisampled colour, depth and stencil, resolved into a plain one)
/// for screenshots, and PNG writing (stb_image_write, from Debian's libstb).
#include <epoxy/gl.h>

#include <cstdint>
#include <string>
#include <vector>

namespace studio {

class OffscreenTarget {
public:
    /// samples: 0 or 1 for no multisampling.
    OffscreenTarget(int width, int height, int samples = 4);
    ~OffscreenTarget();
    OffscreenTarget(const OffscreenTarget&) = delete;
    OffscreenTarget& operator=(const OffscreenTarget&) = delete;

    void bind();                      ///< draw into it
    /// Resolves and reads back RGBA rows, top row first.
    std::vector<std::uint8_t> readPixels();
    int width() const { return w_; }
    int height() const { return h_; }

private:
    int w_, h_, samples_;
    GLuint fbo_ = 0, colour_ = 0, depth_ = 0;      // multisampled (or the only one)
    GLuint resolve_fbo_ = 0, resolve_colour_ = 0;  // single-sample copy
};

/// Reads the bound read framebuffer's colour (RGBA, top row first).
std::vector<std::uint8_t> readFramebuffer(int width, int height);
/// Writes RGBA pixels (top row first) as a PNG; throws std::runtime_error on failure.
void writePng(const std::string& path, const std::vector<std::uint8_t>& rgba, int width, int height);

} // namespace studio
