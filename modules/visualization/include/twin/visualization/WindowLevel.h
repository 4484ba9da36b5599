#pragma once
// CT display windows (width/centre in HU) clinicians expect as presets.

namespace twin::visualization {

struct WindowLevel {
    double width;
    double centre;
};

inline constexpr WindowLevel kSoftTissueWindow{400.0, 40.0};
inline constexpr WindowLevel kLungWindow{1500.0, -600.0};
inline constexpr WindowLevel kBoneWindow{1800.0, 400.0};

}  // namespace twin::visualization
