#pragma once
// Something the series loader noticed and the user must see: a missing slice, uneven
// spacing, a gantry tilt, an excluded localizer, a file that could not be read. Findings are
// never hidden: the loader returns them next to the volume they concern.

#include <QList>
#include <QString>

namespace twin::dicom {

struct SeriesFinding {
    enum class Severity {
        Info,     // noted, nothing wrong with the volume (e.g. a localizer was left out)
        Warning,  // the volume loads but its geometry or values need attention
        Error,    // a file or a part of the series could not be used
    };
    /// Stable identifiers, for code that reacts to a kind of finding.
    enum class Kind {
        UnreadableFile,
        MissingSlices,
        NonUniformSpacing,
        GantryTilt,
        MixedOrientation,
        MixedImageSize,
        DuplicatePosition,
        LocalizerExcluded,
        MultipleVolumes,
        ValuesQuantised,
        ResampledToUniformSpacing,
        MissingGeometry,
        Other,
    };

    Severity severity = Severity::Info;
    Kind kind = Kind::Other;
    QString text;  // one line naming the file and/or tag concerned
    QString file;  // the file concerned, when there is one

    static QString severityName(Severity severity);
    /// "warning: <text>"
    QString message() const;
};

using SeriesFindings = QList<SeriesFinding>;

}  // namespace twin::dicom
