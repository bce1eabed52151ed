#version 330 core
// Key light, a cool fill, hemisphere ambient, a soft specular and a rim to separate shapes.
in vec3 vNormal;
in vec3 vWorld;
in vec4 vColour;

uniform vec3 uEye;
uniform vec3 uLightDir;      // towards the key light
uniform int uFlat;           // 1: shadow pass, a flat colour
uniform vec4 uFlatColour;

out vec4 fragColour;

void main() {
    if (uFlat == 1) {
        fragColour = uFlatColour;
        return;
    }
    vec3 n = normalize(vNormal);
    if (!gl_FrontFacing) n = -n;
    vec3 v = normalize(uEye - vWorld);
    vec3 l = normalize(uLightDir);
    float key = max(dot(n, l), 0.0);
    float fill = max(dot(n, normalize(vec3(-0.6, 0.25, -0.7))), 0.0);
    float hemi = 0.5 + 0.5 * n.y;
    vec3 ambient = mix(vec3(0.20, 0.19, 0.18), vec3(0.34, 0.37, 0.42), hemi);
    vec3 h = normalize(l + v);
    float spec = pow(max(dot(n, h), 0.0), 40.0) * 0.22;
    float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0) * 0.12;
    vec3 c = vColour.rgb * (ambient + 0.78 * key + 0.22 * fill) + vec3(spec + rim);
    fragColour = vec4(c, vColour.a);
}
