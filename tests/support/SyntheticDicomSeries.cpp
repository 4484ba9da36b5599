#include "SyntheticDicomSeries.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QFile>

#include <cmath>
#include <vector>

namespace twin::test {

/// Pixel (i, j) of the slice at z: a pattern that tells slices and positions apart.
Uint16 pixelOf(int i, int j, double z) { return static_cast<Uint16>(1000 + 10 * std::lround(z) + i + 3 * j); }

QString writeSlice(const QString &path, const Slice &s) {
    DcmFileFormat file;
    DcmDataset &d = *file.getDataset();
    char uid[100];
    d.putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
    d.putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
    d.putAndInsertString(DCM_Modality, "CT");
    d.putAndInsertString(DCM_SeriesInstanceUID, s.seriesInstanceUid.toLatin1().constData());
    d.putAndInsertString(DCM_StudyInstanceUID, s.studyInstanceUid.toLatin1().constData());
    if (!s.patientName.isEmpty()) {
        d.putAndInsertString(DCM_PatientName, s.patientName.toLatin1().constData());
        d.putAndInsertString(DCM_PatientID, "SYNTHETIC");
    }
    d.putAndInsertString(DCM_ImageType, s.imageType.toLatin1().constData());
    d.putAndInsertString(DCM_InstanceNumber, QByteArray::number(s.instance).constData());
    if (s.echo) d.putAndInsertString(DCM_EchoNumbers, QByteArray::number(s.echo).constData());
    if (s.echo) d.putAndInsertString(DCM_EchoTime, QByteArray::number(10 * s.echo).constData());
    d.putAndInsertString(DCM_ImagePositionPatient, QStringLiteral("%1\\-20\\%2").arg(s.x).arg(s.z).toLatin1().constData());
    d.putAndInsertString(DCM_ImageOrientationPatient, s.orientation.toLatin1().constData());
    d.putAndInsertString(DCM_PixelSpacing, "0.5\\0.75");
    d.putAndInsertString(DCM_SliceThickness, "2");
    d.putAndInsertString(DCM_RescaleSlope, s.slope.toLatin1().constData());
    d.putAndInsertString(DCM_RescaleIntercept, s.intercept.toLatin1().constData());
    d.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    d.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    d.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(s.rows));
    d.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(s.columns));
    d.putAndInsertUint16(DCM_BitsAllocated, 16);
    d.putAndInsertUint16(DCM_BitsStored, 16);
    d.putAndInsertUint16(DCM_HighBit, 15);
    d.putAndInsertUint16(DCM_PixelRepresentation, 0);
    std::vector<Uint16> pixels(std::size_t(s.rows * s.columns));
    for (int j = 0; j < s.rows; ++j)
        for (int i = 0; i < s.columns; ++i) pixels[std::size_t(j * s.columns + i)] = pixelOf(i, j, s.z);
    d.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
    E_FileWriteMode mode = EWM_fileformat;
    if (s.transferSyntax) {
        file.getMetaInfo()->putAndInsertString(DCM_TransferSyntaxUID, s.transferSyntax);
        file.getMetaInfo()->putAndInsertString(DCM_MediaStorageSOPClassUID, UID_CTImageStorage);
        file.getMetaInfo()->putAndInsertString(DCM_MediaStorageSOPInstanceUID, uid);
        mode = EWM_dontUpdateMeta;
    }
    const OFCondition status = file.saveFile(OFFilename(QFile::encodeName(path).constData()), EXS_LittleEndianExplicit,
                                             EET_ExplicitLength, EGL_recalcGL, EPD_noChange, 0, 0, mode);
    return status.good() ? QString() : QString::fromLatin1(status.text());
}

}  // namespace twin::test
