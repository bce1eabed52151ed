#version 330 core
// A flat walking surface (the top face of a belt, or a floor), as a unit quad in xz.
layout(location = 0) in vec3 aPos;

uniform mat4 uViewProj;
uniform mat4 uModel;        // surface pose (local y = normal)
uniform vec2 uHalfExtents;  // m along local x and z

out vec2 vLocal;            // m, from the surface centre along local x and z
out vec3 vWorld;

void main() {
    vLocal = aPos.xz * uHalfExtents;
    vec4 world = uModel * vec4(vLocal.x, 0.0, vLocal.y, 1.0);
    vWorld = world.xyz;
    gl_Position = uViewProj * world;
}
