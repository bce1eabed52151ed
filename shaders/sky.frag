#version 330 core
in float vHeight;
uniform vec3 uTop;
uniform vec3 uHorizon;
out vec4 fragColour;
void main() {
    fragColour = vec4(mix(uHorizon, uTop, smoothstep(0.0, 1.0, vHeight)), 1.0);
}
