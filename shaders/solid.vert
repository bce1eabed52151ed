#version 330 core
// Lit solids, instanced: boxes, capsules (spheres are capsules of zero half-length) and cones.
// A capsule vertex is a unit-sphere vertex pushed along local y by ±half-length (aCap), so one
// mesh draws capsules of any length. uShadow projects onto a plane for planar shadows.
layout(location = 0) in vec3 aPos;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in float aCap;
layout(location = 3) in mat4 iModel;   // rotation and translation (locations 3-6)
layout(location = 7) in vec4 iShape;   // xyz: scale of the unit mesh; w: capsule half-length
layout(location = 8) in vec4 iColour;

uniform mat4 uViewProj;
uniform mat4 uShadow;

out vec3 vNormal;
out vec3 vWorld;
out vec4 vColour;

void main() {
    vec3 local = aPos * iShape.xyz + vec3(0.0, aCap * iShape.w, 0.0);
    vec4 world = uShadow * (iModel * vec4(local, 1.0));
    vWorld = world.xyz / world.w;
    // Inverse-transpose of a diagonal scale is its reciprocal.
    vNormal = mat3(iModel) * normalize(aNormal / iShape.xyz);
    vColour = iColour;
    gl_Position = uViewProj * world;
}
