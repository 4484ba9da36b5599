#pragma once
// Baseline image comparison for rendering tests (the VTK/ParaView practice: a fixed scene at
// a fixed size, compared with a committed PNG under a stated tolerance).
//
// Metric: a pixel "differs" when any channel differs by more than `channelTolerance`
// (default 24 of 255: absorbs rasteriser rounding and anti-aliasing differences between
// Mesa versions); the images match when at most `maxDifferingFraction` of pixels differ
// (default 0.5 %) and the mean absolute channel difference is at most `maxMeanDifference`.

#include <QImage>
#include <QString>

namespace twin::test {

struct ImageDifference {
    bool sameSize = false;
    double differingFraction = 1.0;
    double meanAbsoluteDifference = 255.0;
    QString describe() const;
};

struct ImageTolerance {
    int channelTolerance = 24;
    double maxDifferingFraction = 0.005;
    double maxMeanDifference = 2.0;
};

ImageDifference compareImages(const QImage &actual, const QImage &expected, int channelTolerance = 24);
bool withinTolerance(const ImageDifference &difference, const ImageTolerance &tolerance = {});
/// `actual` against the committed baseline `baselinePath` (saved beside the scratch copy
/// `actualPath` for a look): empty when they match, else what differs. With
/// DIDYMOS_UPDATE_BASELINES=1 the baseline is rewritten and `rewritten` set instead.
QString checkAgainstBaseline(const QImage &actual, const QString &baselinePath, const QString &actualPath, bool &rewritten);
/// Fraction of pixels that differ from `background` by more than `tolerance` in any channel.
double fractionNotColour(const QImage &image, QColor background, int tolerance = 8);

}  // namespace twin::test
