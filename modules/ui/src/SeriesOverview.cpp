#include "twin/ui/SeriesOverview.h"

#include "twin/dicom/SeriesVolumeLoader.h"

#include <QCoreApplication>

#include <algorithm>
#include <vector>

namespace twin::ui {

namespace {

QImage thumbnailOf(const core::ScalarVolume &slice, const QString &modality) {
    const int w = slice.dimension(0), h = slice.dimension(1);
    if (w <= 0 || h <= 0) return {};
    double low = -160, high = 240;  // CT soft tissue: W 400, L 40
    if (modality != QLatin1String("CT")) {
        std::vector<std::int16_t> sorted(slice.voxels());
        std::sort(sorted.begin(), sorted.end());
        low = sorted[sorted.size() / 100];
        high = sorted[sorted.size() - 1 - sorted.size() / 100];
        if (high <= low) high = low + 1;
    }
    const int side = SeriesOverview::kThumbnailSize;
    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(0);
    // Fit the slice into the square, keeping its aspect (nearest neighbour: it is 48 px).
    const double scale = std::min(double(side) / w, double(side) / h);
    const int outW = std::max(1, int(w * scale)), outH = std::max(1, int(h * scale));
    const int x0 = (side - outW) / 2, y0 = (side - outH) / 2;
    for (int y = 0; y < outH; ++y) {
        uchar *line = image.scanLine(y0 + y);
        const int j = std::min(h - 1, int(y / scale));
        for (int x = 0; x < outW; ++x) {
            const int i = std::min(w - 1, int(x / scale));
            const double v = (slice.at(i, j, 0) - low) / (high - low);
            line[x0 + x] = uchar(std::clamp(v, 0.0, 1.0) * 255.0 + 0.5);
        }
    }
    return image;
}

}  // namespace

SeriesOverview SeriesOverview::of(const QStringList &files, const QString &modality, core::JobContext *context) {
    SeriesOverview overview;
    const auto examined = dicom::SeriesVolumeLoader::examine(files, context);
    if (!examined.ok()) {
        overview.warnings << examined.error().message();
        return overview;
    }
    const dicom::SeriesExamination &examination = examined.value();
    overview.loadables = int(examination.loadables.size());
    const dicom::SeriesLoadable *selected = examination.selected();
    if (!selected) {
        overview.warnings << QCoreApplication::translate("twin::ui::SeriesOverview", "no image to load");
        return overview;
    }
    const core::VolumeGeometry geometry = selected->acquiredGeometry();
    overview.columns = geometry.dimensions[0];
    overview.rows = geometry.dimensions[1];
    overview.slices = selected->sliceCount();
    overview.volumes = std::max<int>(1, int(selected->volumes.size()));
    if (overview.loadables > 1)
        overview.warnings << QCoreApplication::translate("twin::ui::SeriesOverview", "%n loadables (different orientation or size)",
                                                         nullptr, overview.loadables);
    for (const dicom::SeriesFinding &finding : examination.findings + selected->findings)
        if (finding.severity != dicom::SeriesFinding::Severity::Info) overview.warnings << finding.message();

    // The middle slice only: a one-slice copy of the loadable.
    if (overview.slices > 0 && !(context && context->isCancelled())) {
        dicom::SeriesLoadable middle = *selected;
        middle.volumes = {{selected->volumes.front()[std::size_t(overview.slices / 2)]}};
        const auto slice = dicom::SeriesVolumeLoader::load(middle);
        if (slice.ok() && !slice.value().volumes.empty()) overview.thumbnail = thumbnailOf(slice.value().volume(), modality);
        else if (!slice.ok()) overview.warnings << slice.error().message();
    }
    return overview;
}

QString SeriesOverview::sizeText() const {
    if (columns <= 0) return {};
    QString text = QStringLiteral("%1 × %2 × %3").arg(columns).arg(rows).arg(slices);
    if (volumes > 1) text += QStringLiteral(" × %1").arg(volumes);
    return text;
}

}  // namespace twin::ui
