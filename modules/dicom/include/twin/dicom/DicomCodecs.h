#pragma once
// The transfer syntaxes the series loader decodes, and the one-time registration of DCMTK's
// decoders (JPEG, JPEG-LS, RLE). JPEG 2000 is decoded with OpenJPEG (DCMTK 3.6.7 has no free
// J2K codec); see series/Jpeg2000Decoder.h for why not GDCM.

#include <QString>

namespace twin::dicom {

class DicomCodecs {
public:
    /// Registers DCMTK's JPEG, JPEG-LS and RLE decoders; idempotent and thread-safe.
    static void registerDecodersOnce();
    /// True for the transfer syntaxes whose pixel data we can decode.
    static bool canDecode(const QString &transferSyntaxUid);
    static bool isJpeg2000(const QString &transferSyntaxUid);
};

}  // namespace twin::dicom
