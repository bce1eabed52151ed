#include "engine/analysis/compare_summary.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace rg {

nlohmann::json valueAt(const nlohmann::json& s, const std::string& key) {
    const nlohmann::json* cur = &s;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = key.find('.', start);
        const std::string part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!cur->is_object() || !cur->contains(part)) return nullptr;
        cur = &(*cur)[part];
        if (dot == std::string::npos) return *cur;
        start = dot + 1;
    }
}

nlohmann::json compareSummary(const nlohmann::json& fw, const nlohmann::json& bw, const std::vector<std::string>& numeric_keys) {
    std::vector<std::string> keys = numeric_keys;
    std::set<std::string> objects;
    for (const auto& k : numeric_keys) {
        const auto dot = k.find('.');
        if (dot != std::string::npos) objects.insert(k.substr(0, dot));
    }
    auto addKey = [&](const std::string& k) {
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    };
    for (const auto* s : {&fw, &bw})
        for (const auto& o : objects)
            if (s->contains(o) && (*s)[o].is_object())
                for (auto it = (*s)[o].begin(); it != (*s)[o].end(); ++it)
                    if (it.value().is_number() || it.value().is_null()) addKey(o + "." + it.key());
    addKey("walking_speed_m_per_s");

    nlohmann::json ratio = nlohmann::json::object();
    for (const auto& k : keys) {
        const auto f = valueAt(fw, k), b = valueAt(bw, k);
        if (f.is_number() && b.is_number() && f.get<double>() != 0 && std::isfinite(b.get<double>() / f.get<double>()))
            ratio[k] = b.get<double>() / f.get<double>();
        else
            ratio[k] = nullptr;
    }
    return {{"forward", fw}, {"backward", bw}, {"ratio_backward_to_forward", ratio}};
}

} // namespace rg
