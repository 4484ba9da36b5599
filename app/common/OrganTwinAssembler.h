#pragma once
// Builds the organ twin of a DICOM folder headlessly (used by `didymos-cli twin organs`):
// the image series (the largest CT, else the largest image series), the structures of an
// RTSTRUCT or SEG drawn on it (given, or the first in the folder on the same frame of
// reference), an RTDOSE on that frame of reference resampled onto the image, and per structure
// its statistics, mesh and, with a dose, its DVH. Files are classified by a header probe; no
// index is written. Warnings (frame of reference, unresolved references, ...) are collected.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/dicom/LoadedSeriesVolume.h"
#include "twin/imaging/DoseVolumeHistogram.h"
#include "twin/imaging/StructureStatistics.h"

#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <functional>
#include <optional>

namespace twin::app {

struct OrganTwinRequest {
    QString dicomDir;
    QString rtstructPath;  ///< optional: this RTSTRUCT instead of the folder's
    QString segPath;       ///< optional: this SEG instead of an RTSTRUCT
    /// optional: only files of this study (a folder may hold several studies of a patient)
    QString studyInstanceUid;
    /// optional: only structures whose name this accepts (the others are not measured)
    std::function<bool(const QString &name)> keepStructure;
};

struct OrganTwinStructure {
    QString name;
    std::array<int, 3> rgb{255, 255, 255};
    imaging::StructureStatistics statistics;
    std::optional<imaging::DoseVolumeHistogram> dvh;  ///< with an RTDOSE only
    vtkSmartPointer<vtkPolyData> mesh;
};

struct OrganTwin {
    dicom::LoadedSeriesVolume image;
    QString structuresPath;  ///< the RTSTRUCT or SEG used
    QString dosePath;        ///< empty: no dose
    QList<OrganTwinStructure> structures;
    QStringList warnings;
};

class OrganTwinAssembler {
public:
    static core::Result<OrganTwin> assemble(const OrganTwinRequest &request, core::JobContext *context = nullptr);
};

}  // namespace twin::app
