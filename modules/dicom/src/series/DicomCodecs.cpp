#include "twin/dicom/DicomCodecs.h"

#include "twin/dicom/DcmtkLogging.h"

#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include <mutex>

namespace twin::dicom {

void DicomCodecs::registerDecodersOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        DcmtkLogging::configureOnce();
        // Attributes re-encoded as UN (CP-246) are read with their real VR (see DicomFileProbe).
        dcmEnableUnknownVRConversion.set(OFTrue);
        DJDecoderRegistration::registerCodecs();    // JPEG baseline, extended, lossless
        DJLSDecoderRegistration::registerCodecs();  // JPEG-LS lossless and near-lossless
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

bool DicomCodecs::isJpeg2000(const QString &uid) {
    return uid == QLatin1String("1.2.840.10008.1.2.4.90") || uid == QLatin1String("1.2.840.10008.1.2.4.91");
}

bool DicomCodecs::canDecode(const QString &uid) {
    static const char *const supported[] = {
        "1.2.840.10008.1.2",         // implicit VR little endian
        "1.2.840.10008.1.2.1",       // explicit VR little endian
        "1.2.840.10008.1.2.1.99",    // deflated explicit VR little endian
        "1.2.840.10008.1.2.2",       // explicit VR big endian (retired)
        "1.2.840.10008.1.2.4.50",    // JPEG baseline
        "1.2.840.10008.1.2.4.51",    // JPEG extended
        "1.2.840.10008.1.2.4.57",    // JPEG lossless
        "1.2.840.10008.1.2.4.70",    // JPEG lossless SV1
        "1.2.840.10008.1.2.4.80",    // JPEG-LS lossless
        "1.2.840.10008.1.2.4.81",    // JPEG-LS near-lossless
        "1.2.840.10008.1.2.5",       // RLE lossless
        "1.2.840.10008.1.2.4.90",    // JPEG 2000 lossless (OpenJPEG)
        "1.2.840.10008.1.2.4.91",    // JPEG 2000 (OpenJPEG)
    };
    for (const char *s : supported)
        if (uid == QLatin1String(s)) return true;
    return false;
}

}  // namespace twin::dicom
