#include "OpenGlProbe.h"

#include <QGuiApplication>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QSurfaceFormat>

namespace twin::app {

core::Result<OpenGlInfo> probeOpenGl() {
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        return core::Error::unsupported(QStringLiteral("no display: OpenGL not probed"));
    }
    QSurfaceFormat format;
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    QOpenGLContext context;
    context.setFormat(format);
    if (!context.create()) return core::Error::unsupported(QStringLiteral("cannot create an OpenGL 3.2 core context"));
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    if (!context.makeCurrent(&surface)) return core::Error::unsupported(QStringLiteral("cannot make the OpenGL context current"));
    QOpenGLFunctions *gl = context.functions();
    auto text = [gl](GLenum name) {
        const auto *value = reinterpret_cast<const char *>(gl->glGetString(name));
        return value ? QString::fromLatin1(value) : QString();
    };
    OpenGlInfo info{text(GL_VENDOR), text(GL_RENDERER), text(GL_VERSION), text(GL_SHADING_LANGUAGE_VERSION),
                    context.format().profile() == QSurfaceFormat::CoreProfile ? QStringLiteral("core")
                                                                              : QStringLiteral("compatibility")};
    context.doneCurrent();
    return info;
}

}  // namespace twin::app
