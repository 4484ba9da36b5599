#pragma once
// Small DICOM CT series written with DCMTK for tests: one file per slice, with the geometry,
// size, image type, rescale, echo and transfer syntax a test needs to provoke a finding
// (gaps, tilt, mixed sizes, localizers, 4D ...). Pixel (i, j) of the slice at z is
// pixelOf(i, j, z), so slices and positions can be told apart after loading.

#include <dcmtk/config/osconfig.h>
#include <dcmtk/ofstd/oftypes.h>

#include <QString>

namespace twin::test {

struct Slice {
    double z = 0.0;
    double x = 0.0;  // IPP x: shifted per slice for a gantry tilt
    int rows = 8, columns = 8;
    QString orientation = QStringLiteral("1\\0\\0\\0\\1\\0");
    QString imageType = QStringLiteral("ORIGINAL\\PRIMARY\\AXIAL");
    QString slope = QStringLiteral("1"), intercept = QStringLiteral("-1024");
    int echo = 0;
    int instance = 1;
    const char *transferSyntax = nullptr;  // meta header override (written as explicit LE)
    QString seriesInstanceUid = QStringLiteral("1.2.826.0.1.3680043.9.7777.2.1");
    QString studyInstanceUid = QStringLiteral("1.2.826.0.1.3680043.9.7777.2");
    QString patientName;  // written when not empty, with PatientID "SYNTHETIC"
};

/// Pixel (i, j) of the slice at z: a pattern that tells slices and positions apart.
Uint16 pixelOf(int i, int j, double z);

/// Writes one slice; an empty string on success, else DCMTK's error text.
QString writeSlice(const QString &path, const Slice &slice);

}  // namespace twin::test
