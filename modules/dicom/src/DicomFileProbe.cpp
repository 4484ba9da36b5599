#include "twin/dicom/DicomFileProbe.h"

#include "twin/dicom/DicomStructureGuard.h"
#include "twin/dicom/DcmtkLogging.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcvr.h>

#include <QFileInfo>

#include <mutex>

namespace twin::dicom {

namespace {

// Files re-encoded by some archives carry every attribute as UN in explicit VR (CP-246). DCMTK
// keeps such elements as raw bytes by default, so findAndGetOFString returned their hex dump
// ("31\2e\32..." for "1.2...") and the probe reported SOP class "31" and modality "50" instead
// of "PT". Converting UN elements whose tag the dictionary knows to their real VR while
// reading (dcmdump +uc) gives the true values. Process-wide DCMTK setting, set once.
void convertUnknownVrOnce() {
    static std::once_flag once;
    std::call_once(once, [] { dcmEnableUnknownVRConversion.set(OFTrue); });
}

QString stringOf(DcmItem *item, const DcmTagKey &key) {
    OFString value;
    if (item && item->findAndGetOFString(key, value).good()) return QString::fromLatin1(value.c_str()).trimmed();
    return {};
}

}  // namespace

core::Result<DicomHeader> DicomFileProbe::read(const QString &path) {
    DcmtkLogging::configureOnce();
    convertUnknownVrOnce();
    const QFileInfo info(path);
    if (!info.exists()) return core::Error::notFound(QStringLiteral("file does not exist")).inFile(path);
    if (!info.isFile()) return core::Error::invalidInput(QStringLiteral("not a regular file")).inFile(path);

    if (auto guard = DicomStructureGuard::check(path); !guard) return guard.error();
    DcmFileFormat file;
    // Stop before PixelData: headers only, bounded memory however large the image claims to be.
    const OFCondition status = file.loadFileUntilTag(OFFilename(QFile::encodeName(path).constData()),
                                                     EXS_Unknown, EGL_noChange, 4096, ERM_autoDetect,
                                                     DCM_PixelData);
    if (status.bad()) {
        return core::Error::invalidInput(QStringLiteral("not a readable DICOM file (%1)")
                                             .arg(QString::fromLatin1(status.text())))
            .inFile(path);
    }
    DcmDataset *data = file.getDataset();
    DcmMetaInfo *meta = file.getMetaInfo();
    DicomHeader header;
    header.sopClassUid = stringOf(data, DCM_SOPClassUID);
    header.sopInstanceUid = stringOf(data, DCM_SOPInstanceUID);
    header.modality = stringOf(data, DCM_Modality);
    header.patientId = stringOf(data, DCM_PatientID);
    header.patientName = stringOf(data, DCM_PatientName);
    header.patientBirthDate = stringOf(data, DCM_PatientBirthDate);
    header.patientSex = stringOf(data, DCM_PatientSex);
    header.studyInstanceUid = stringOf(data, DCM_StudyInstanceUID);
    header.studyDate = stringOf(data, DCM_StudyDate);
    header.seriesInstanceUid = stringOf(data, DCM_SeriesInstanceUID);
    header.frameOfReferenceUid = stringOf(data, DCM_FrameOfReferenceUID);
    header.transferSyntaxUid = stringOf(meta, DCM_TransferSyntaxUID);
    Uint16 rows = 0, columns = 0;
    if (data->findAndGetUint16(DCM_Rows, rows).good()) header.rows = rows;
    if (data->findAndGetUint16(DCM_Columns, columns).good()) header.columns = columns;
    Sint32 frames = 1;
    if (data->findAndGetSint32(DCM_NumberOfFrames, frames).good()) header.numberOfFrames = frames;
    if (header.sopClassUid.isEmpty()) {
        return core::Error::invalidInput(QStringLiteral("missing required attribute"))
            .inFile(path).atTag(QStringLiteral("(0008,0016) SOPClassUID"));
    }
    return header;
}

}  // namespace twin::dicom
