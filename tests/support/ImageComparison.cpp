#include "ImageComparison.h"

#include <cstdlib>

namespace twin::test {

QString ImageDifference::describe() const {
    if (!sameSize) return QStringLiteral("image sizes differ");
    return QStringLiteral("%1 % of pixels differ, mean |Δ| %2")
        .arg(differingFraction * 100.0, 0, 'f', 3)
        .arg(meanAbsoluteDifference, 0, 'f', 3);
}

ImageDifference compareImages(const QImage &actual, const QImage &expected, int channelTolerance) {
    ImageDifference result;
    if (actual.size() != expected.size() || actual.isNull()) return result;
    result.sameSize = true;
    const QImage a = actual.convertToFormat(QImage::Format_RGB32);
    const QImage b = expected.convertToFormat(QImage::Format_RGB32);
    long long differing = 0;
    double sum = 0.0;
    for (int y = 0; y < a.height(); ++y) {
        const auto *rowA = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        const auto *rowB = reinterpret_cast<const QRgb *>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const int dr = std::abs(qRed(rowA[x]) - qRed(rowB[x]));
            const int dg = std::abs(qGreen(rowA[x]) - qGreen(rowB[x]));
            const int db = std::abs(qBlue(rowA[x]) - qBlue(rowB[x]));
            sum += (dr + dg + db) / 3.0;
            if (dr > channelTolerance || dg > channelTolerance || db > channelTolerance) ++differing;
        }
    }
    const double pixels = static_cast<double>(a.width()) * a.height();
    result.differingFraction = differing / pixels;
    result.meanAbsoluteDifference = sum / pixels;
    return result;
}

bool withinTolerance(const ImageDifference &difference, const ImageTolerance &tolerance) {
    return difference.sameSize && difference.differingFraction <= tolerance.maxDifferingFraction &&
           difference.meanAbsoluteDifference <= tolerance.maxMeanDifference;
}

double fractionNotColour(const QImage &image, QColor background, int tolerance) {
    const QImage a = image.convertToFormat(QImage::Format_RGB32);
    long long count = 0;
    for (int y = 0; y < a.height(); ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(a.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            if (std::abs(qRed(row[x]) - background.red()) > tolerance ||
                std::abs(qGreen(row[x]) - background.green()) > tolerance ||
                std::abs(qBlue(row[x]) - background.blue()) > tolerance) {
                ++count;
            }
        }
    }
    return a.isNull() ? 0.0 : static_cast<double>(count) / (static_cast<double>(a.width()) * a.height());
}

QString checkAgainstBaseline(const QImage &actual, const QString &baselinePath, const QString &actualPath, bool &rewritten) {
    rewritten = false;
    actual.save(actualPath);
    if (qEnvironmentVariableIntValue("DIDYMOS_UPDATE_BASELINES") == 1) {
        rewritten = actual.save(baselinePath);
        return rewritten ? QString() : QStringLiteral("cannot write %1").arg(baselinePath);
    }
    const QImage expected(baselinePath);
    if (expected.isNull()) return QStringLiteral("missing baseline %1").arg(baselinePath);
    const ImageDifference difference = compareImages(actual, expected);
    if (withinTolerance(difference)) return {};
    return QStringLiteral("%1 (actual image: %2)").arg(difference.describe(), actualPath);
}

}  // namespace twin::test
