#include "OrganTwinAssembler.h"

#include "twin/dicom/DicomFileProbe.h"
#include "twin/dicom/RtDoseReader.h"
#include "twin/dicom/RtStructRasterizer.h"
#include "twin/dicom/RtStructReader.h"
#include "twin/dicom/SegReader.h"
#include "twin/dicom/SeriesVolumeLoader.h"
#include "twin/imaging/LabelSurfaceExtractor.h"
#include "twin/imaging/ScalarVolumeToVtk.h"

#include <vtkImageData.h>

#include <QDirIterator>
#include <QFileInfo>
#include <QHash>

namespace twin::app {

namespace {

struct FolderContents {
    QHash<QString, QStringList> imageSeriesFiles;  // series UID -> files
    QHash<QString, QString> imageSeriesModality;
    QStringList rtstructs, segs, rtdoses;
    QHash<QString, QString> frameOfReference;  // file -> FrameOfReferenceUID (RT objects)
};

FolderContents classify(const QString &dir, const QString &studyInstanceUid) {
    FolderContents contents;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const auto header = dicom::DicomFileProbe::read(path);
        if (!header.ok()) continue;  // not DICOM, or unreadable: the loaders name what they use
        const dicom::DicomHeader &h = header.value();
        if (!studyInstanceUid.isEmpty() && h.studyInstanceUid != studyInstanceUid) continue;
        contents.frameOfReference.insert(path, h.frameOfReferenceUid);
        // By SOP class first: real exports mislabel Modality (OpenTPS writes RTDOSE on its
        // structure sets); the SOP class is what the object is.
        const QString &sop = h.sopClassUid;
        const bool known = sop.startsWith(QLatin1String("1.2.840.10008.5.1.4.1.1.481.")) || sop == QLatin1String("1.2.840.10008.5.1.4.1.1.66.4");
        if (sop == QLatin1String("1.2.840.10008.5.1.4.1.1.481.3") || (!known && h.modality == QLatin1String("RTSTRUCT"))) contents.rtstructs << path;
        else if (sop == QLatin1String("1.2.840.10008.5.1.4.1.1.66.4") || (!known && h.modality == QLatin1String("SEG"))) contents.segs << path;
        else if (sop == QLatin1String("1.2.840.10008.5.1.4.1.1.481.2") || (!known && h.modality == QLatin1String("RTDOSE"))) contents.rtdoses << path;
        else if (known) continue;  // RT plans and other RT objects are not images
        else if (h.rows > 0 && h.columns > 0 && !h.seriesInstanceUid.isEmpty()) {
            contents.imageSeriesFiles[h.seriesInstanceUid] << path;
            contents.imageSeriesModality.insert(h.seriesInstanceUid, h.modality);
        }
    }
    for (QStringList *list : {&contents.rtstructs, &contents.segs, &contents.rtdoses}) list->sort();
    return contents;
}

/// The largest CT series, else the largest image series.
QString chooseImageSeries(const FolderContents &contents) {
    QString best;
    for (auto it = contents.imageSeriesFiles.cbegin(); it != contents.imageSeriesFiles.cend(); ++it) {
        const auto better = [&](const QString &uid) {
            if (best.isEmpty()) return true;
            const bool ct = contents.imageSeriesModality.value(uid) == QLatin1String("CT");
            const bool bestCt = contents.imageSeriesModality.value(best) == QLatin1String("CT");
            if (ct != bestCt) return ct;
            return contents.imageSeriesFiles.value(uid).size() > contents.imageSeriesFiles.value(best).size();
        };
        if (better(it.key())) best = it.key();
    }
    return best;
}

QString firstOnFrame(const QStringList &files, const FolderContents &contents, const QString &frameOfReference) {
    for (const QString &f : files)
        if (frameOfReference.isEmpty() || contents.frameOfReference.value(f) == frameOfReference) return f;
    return files.value(0);
}

struct NamedMask {
    QString name;
    std::array<int, 3> rgb;
    core::LabelMap mask;
};

core::Result<QList<NamedMask>> structuresOf(const QString &path, bool isSeg, const dicom::LoadedSeriesVolume &image,
                                            QStringList &warnings) {
    QList<NamedMask> masks;
    if (isSeg) {
        auto seg = dicom::SegReader::read(path);
        if (!seg.ok()) return seg.error();
        const dicom::SegRasterization raster =
            dicom::SegRasterizer::rasterize(seg.value(), {image.volume().geometry(), image.frameOfReferenceUid, image.seriesInstanceUid,
                                                          image.sliceSopInstanceUids});
        warnings << raster.warnings;
        for (const dicom::SegSegmentMask &m : raster.masks) {
            if (m.mask.volume.isEmpty() || m.mask.labels.isEmpty()) continue;
            masks.append({m.mask.labels.front().name, m.mask.labels.front().rgb, m.mask});
        }
        return masks;
    }
    auto set = dicom::RtStructReader::read(path);
    if (!set.ok()) return set.error();
    warnings << set.value().warnings;
    const dicom::RtStructRasterization raster =
        dicom::RtStructRasterizer::rasterize(set.value(), {image.volume().geometry(), image.frameOfReferenceUid, image.sliceSopInstanceUids});
    warnings << raster.warnings;
    for (const dicom::RtRoiMask &m : raster.masks) {
        if (m.mask.labels.isEmpty() || m.mask.count(1) == 0) continue;
        masks.append({m.mask.labels.front().name, m.mask.labels.front().rgb, m.mask});
    }
    return masks;
}

}  // namespace

core::Result<OrganTwin> OrganTwinAssembler::assemble(const OrganTwinRequest &request, core::JobContext *context) {
    if (!QFileInfo(request.dicomDir).isDir())
        return core::Error::notFound(QStringLiteral("not a folder")).inFile(request.dicomDir);
    const FolderContents contents = classify(request.dicomDir, request.studyInstanceUid);
    const QString seriesUid = chooseImageSeries(contents);
    if (seriesUid.isEmpty()) return core::Error::notFound(QStringLiteral("no image series in the folder")).inFile(request.dicomDir);
    auto loaded = dicom::SeriesVolumeLoader::loadSeries(contents.imageSeriesFiles.value(seriesUid), {}, context);
    if (!loaded.ok()) return loaded.error();
    OrganTwin twin;
    twin.image = std::move(loaded).value();
    const QString frame = twin.image.frameOfReferenceUid;

    const bool isSeg = !request.segPath.isEmpty() || (request.rtstructPath.isEmpty() && contents.rtstructs.isEmpty());
    twin.structuresPath = !request.segPath.isEmpty()        ? request.segPath
                          : !request.rtstructPath.isEmpty() ? request.rtstructPath
                          : isSeg                           ? firstOnFrame(contents.segs, contents, frame)
                                                            : firstOnFrame(contents.rtstructs, contents, frame);
    if (twin.structuresPath.isEmpty())
        return core::Error::notFound(QStringLiteral("no RTSTRUCT or SEG in the folder (give --rtstruct or --seg)")).inFile(request.dicomDir);
    auto masks = structuresOf(twin.structuresPath, isSeg, twin.image, twin.warnings);
    if (!masks.ok()) return masks.error();

    std::optional<core::FloatVolume> dose;
    twin.dosePath = firstOnFrame(contents.rtdoses, contents, frame);
    if (!twin.dosePath.isEmpty()) {
        auto grid = dicom::RtDoseReader::read(twin.dosePath);
        if (!grid.ok()) return grid.error();
        if (!frame.isEmpty() && grid.value().frameOfReferenceUid != frame)
            twin.warnings << QStringLiteral("%1: RTDOSE frame of reference %2 differs from the image's %3; dose used as placed")
                                 .arg(twin.dosePath, grid.value().frameOfReferenceUid, frame);
        twin.warnings << grid.value().warnings;
        dose = grid.value().resampledOnto(twin.image.volume().geometry());
    }

    for (int s = 0; s < masks.value().size(); ++s) {
        if (context && context->isCancelled()) return core::Error::cancelled();
        if (context) context->setProgress(double(s) / masks.value().size(), QStringLiteral("Structures"));
        const NamedMask &m = masks.value()[s];
        if (request.keepStructure && !request.keepStructure(m.name)) continue;
        OrganTwinStructure structure{m.name, m.rgb, {}, std::nullopt, nullptr};
        auto surfaces = imaging::LabelSurfaceExtractor::extract(imaging::toVtkImage(m.mask.volume), {1});
        if (surfaces.ok() && !surfaces.value().empty()) structure.mesh = surfaces.value().front().mesh;
        auto stats = imaging::StructureStatistics::compute(m.mask, 1, twin.image.volume(), structure.mesh);
        if (!stats.ok()) return core::Error(stats.error()).inFile(twin.structuresPath);
        structure.statistics = stats.value();
        if (dose) {
            auto dvh = imaging::DoseVolumeHistogram::compute(m.mask, 1, *dose);
            if (dvh.ok()) structure.dvh = std::move(dvh).value();
        }
        twin.structures.append(std::move(structure));
    }
    return twin;
}

}  // namespace twin::app
