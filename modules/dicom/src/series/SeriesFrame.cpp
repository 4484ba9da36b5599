#include "twin/dicom/SeriesFinding.h"
#include "twin/dicom/SeriesFrame.h"

namespace twin::dicom {

std::array<double, 3> SeriesFrame::normal() const {
    const auto &o = imageOrientation;
    return {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
}

double SeriesFrame::positionAlongNormal() const {
    const auto n = normal();
    return n[0] * imagePositionMm[0] + n[1] * imagePositionMm[1] + n[2] * imagePositionMm[2];
}

QString SeriesFrame::describe() const {
    if (!enhanced && frameIndex == 0) return file;
    return QStringLiteral("%1 frame %2").arg(file).arg(frameIndex + 1);
}

QString SeriesFinding::severityName(Severity severity) {
    switch (severity) {
    case Severity::Info: return QStringLiteral("info");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

QString SeriesFinding::message() const { return severityName(severity) + QStringLiteral(": ") + text; }

}  // namespace twin::dicom
