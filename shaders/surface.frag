#version 330 core
// Texture-free markings: belt stripes that move with the belt's travel, or a floor grid;
// anti-aliased with screen-space derivatives, fading into the sky with distance.
in vec2 vLocal;
in vec3 vWorld;

uniform vec3 uEye;
uniform vec3 uNormal;
uniform vec3 uLightDir;
uniform vec4 uColour;
uniform vec4 uStripeColour;
uniform float uStripeOffset;   // m, belt travel
uniform float uStripeSpacing;  // m; 0: floor grid
uniform vec2 uHalfExtents;
uniform vec3 uFogColour;

out vec4 fragColour;

// 1 on a line of width w (m) at multiples of spacing, anti-aliased.
float lines(float x, float spacing, float w) {
    float d = abs(fract(x / spacing + 0.5) - 0.5) * spacing;
    float aa = max(fwidth(x), 1e-5);
    return 1.0 - smoothstep(w * 0.5, w * 0.5 + aa, d);
}

void main() {
    vec3 base = uColour.rgb;
    float m = 0.0;
    if (uStripeSpacing > 0.0) {
        // Belt: transverse stripes carried by the belt, and a lighter rim along its edges.
        m = lines(vLocal.x + uStripeOffset, uStripeSpacing, 0.03);
        float edge = uHalfExtents.y - abs(vLocal.y);
        m = max(m, 1.0 - smoothstep(0.015, 0.02, edge));
    } else {
        // A 0.5 m grid on the floor, for judging distance and speed.
        m = 0.7 * max(lines(vWorld.x, 0.5, 0.015), lines(vWorld.z, 0.5, 0.015));
    }
    vec3 c = mix(base, uStripeColour.rgb, m);
    float light = 0.55 + 0.45 * max(dot(normalize(uNormal), normalize(uLightDir)), 0.0);
    c *= light;
    float dist = length(uEye - vWorld);
    float fog = smoothstep(8.0, 38.0, dist);
    fragColour = vec4(mix(c, uFogColour, fog), 1.0);
}
