#pragma once
// The OpenGL implementation the views will get: vendor, renderer, version. Needs a
// QGuiApplication on a platform with OpenGL; returns an error naming why otherwise.

#include "twin/core/Result.h"

#include <QString>

namespace twin::app {

struct OpenGlInfo {
    QString vendor;
    QString renderer;
    QString version;
    QString glslVersion;
    QString profile;  // "core" / "compatibility"
};

core::Result<OpenGlInfo> probeOpenGl();

}  // namespace twin::app
