#pragma once
// CT display windows (width/centre in HU) clinicians expect as presets. In the slice views the
// number keys 1–4 select them (see windowLevelPreset()).

#include <optional>

namespace twin::visualization {

struct WindowLevel {
    double width;
    double centre;
};

inline constexpr WindowLevel kSoftTissueWindow{400.0, 40.0};
inline constexpr WindowLevel kLungWindow{1500.0, -600.0};
inline constexpr WindowLevel kBoneWindow{1800.0, 400.0};
inline constexpr WindowLevel kBrainWindow{80.0, 40.0};

/// The preset on number key `key` in a slice view: 1 soft tissue, 2 lung, 3 bone, 4 brain.
inline std::optional<WindowLevel> windowLevelPreset(char key) {
    switch (key) {
    case '1': return kSoftTissueWindow;
    case '2': return kLungWindow;
    case '3': return kBoneWindow;
    case '4': return kBrainWindow;
    default: return std::nullopt;
    }
}

}  // namespace twin::visualization
