#pragma once
// Version of the model SDK. A plugin declares the API version it was built against in its
// metadata; the loader refuses a plugin whose major version differs from kApiMajor or whose
// minor version is newer than kApiMinor, before running any of its code.

namespace twin::sim_api {

inline constexpr int kApiMajor = 1;
inline constexpr int kApiMinor = 0;
/// Qt plugin interface id; the major version is part of it, so Qt itself refuses mismatches.
inline constexpr const char *kModelFactoryIid = "org.didymos.IModelFactory/1";

/// True when a plugin built against (major, minor) can run in this host.
constexpr bool isCompatibleApi(int major, int minor) {
    return major == kApiMajor && minor >= 0 && minor <= kApiMinor;
}

}  // namespace twin::sim_api
