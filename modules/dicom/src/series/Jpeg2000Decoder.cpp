#include "Jpeg2000Decoder.h"

#include <openjpeg.h>

#include <QString>

#include <algorithm>
#include <cstring>
#include <memory>

namespace twin::dicom::series {

namespace {

struct MemoryStream {
    const std::uint8_t *data = nullptr;
    OPJ_UINT64 size = 0;
    OPJ_UINT64 position = 0;
};

OPJ_SIZE_T readBytes(void *buffer, OPJ_SIZE_T count, void *user) {
    auto *stream = static_cast<MemoryStream *>(user);
    if (stream->position >= stream->size) return static_cast<OPJ_SIZE_T>(-1);
    const OPJ_UINT64 n = std::min<OPJ_UINT64>(count, stream->size - stream->position);
    std::memcpy(buffer, stream->data + stream->position, n);
    stream->position += n;
    return static_cast<OPJ_SIZE_T>(n);
}

OPJ_OFF_T skipBytes(OPJ_OFF_T count, void *user) {
    auto *stream = static_cast<MemoryStream *>(user);
    if (count < 0) {
        const OPJ_UINT64 back = std::min<OPJ_UINT64>(OPJ_UINT64(-count), stream->position);
        stream->position -= back;
        return -OPJ_OFF_T(back);
    }
    const OPJ_UINT64 forward = std::min<OPJ_UINT64>(OPJ_UINT64(count), stream->size - stream->position);
    stream->position += forward;
    return OPJ_OFF_T(forward);
}

OPJ_BOOL seekTo(OPJ_OFF_T offset, void *user) {
    auto *stream = static_cast<MemoryStream *>(user);
    if (offset < 0 || OPJ_UINT64(offset) > stream->size) return OPJ_FALSE;
    stream->position = OPJ_UINT64(offset);
    return OPJ_TRUE;
}

void keepFirstError(const char *message, void *user) {
    auto *text = static_cast<QString *>(user);
    if (text->isEmpty()) *text = QString::fromLatin1(message).trimmed();
}

void ignoreMessage(const char *, void *) {}

struct CodecDeleter {
    void operator()(opj_codec_t *codec) const { opj_destroy_codec(codec); }
};
struct StreamDeleter {
    void operator()(opj_stream_t *stream) const { opj_stream_destroy(stream); }
};
struct ImageDeleter {
    void operator()(opj_image_t *image) const { opj_image_destroy(image); }
};

bool isJp2File(const std::uint8_t *data, std::size_t size) {
    static const std::uint8_t signature[] = {0, 0, 0, 0x0c, 'j', 'P', ' ', ' '};
    return size >= sizeof(signature) && std::memcmp(data, signature, sizeof(signature)) == 0;
}

core::Error failure(const QString &what, const QString &openJpegSays) {
    return core::Error::invalidInput(openJpegSays.isEmpty() ? what : QStringLiteral("%1 (OpenJPEG: %2)").arg(what, openJpegSays))
        .atTag(QStringLiteral("(7FE0,0010) PixelData"));
}

}  // namespace

core::Status decodeJpeg2000(const std::uint8_t *data, std::size_t size, const Jpeg2000Frame &frame, std::int32_t *out) {
    if (size < 2) return failure(QStringLiteral("JPEG 2000 fragment is empty"), {});
    QString openJpegSays;
    std::unique_ptr<opj_codec_t, CodecDeleter> codec(opj_create_decompress(isJp2File(data, size) ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
    if (!codec) return core::Error::internal(QStringLiteral("OpenJPEG could not create a decoder"));
    opj_set_error_handler(codec.get(), keepFirstError, &openJpegSays);
    opj_set_warning_handler(codec.get(), ignoreMessage, nullptr);
    opj_set_info_handler(codec.get(), ignoreMessage, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters))
        return core::Error::internal(QStringLiteral("OpenJPEG decoder set-up failed"));
    // A truncated codestream is an error, not a partly grey image.
    opj_decoder_set_strict_mode(codec.get(), OPJ_TRUE);

    MemoryStream memory{data, OPJ_UINT64(size), 0};
    std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE));
    if (!stream) return core::Error::internal(QStringLiteral("OpenJPEG could not create a stream"));
    opj_stream_set_user_data(stream.get(), &memory, nullptr);
    opj_stream_set_user_data_length(stream.get(), memory.size);
    opj_stream_set_read_function(stream.get(), readBytes);
    opj_stream_set_skip_function(stream.get(), skipBytes);
    opj_stream_set_seek_function(stream.get(), seekTo);

    opj_image_t *rawImage = nullptr;
    const bool headerRead = opj_read_header(stream.get(), codec.get(), &rawImage);
    std::unique_ptr<opj_image_t, ImageDeleter> image(rawImage);
    if (!headerRead || !image) return failure(QStringLiteral("JPEG 2000 header could not be read"), openJpegSays);
    const OPJ_UINT32 width = image->x1 - image->x0, height = image->y1 - image->y0;
    if (image->numcomps != 1 || width != OPJ_UINT32(frame.columns) || height != OPJ_UINT32(frame.rows))
        return failure(QStringLiteral("JPEG 2000 image is %1 x %2 with %3 components, the DICOM header says %4 x %5 monochrome")
                           .arg(width).arg(height).arg(image->numcomps).arg(frame.columns).arg(frame.rows), {});
    if (image->comps[0].dx != 1 || image->comps[0].dy != 1 || image->comps[0].prec < 1 || image->comps[0].prec > 32)
        return failure(QStringLiteral("JPEG 2000 component is subsampled or has %1-bit precision").arg(image->comps[0].prec), {});
    if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get()))
        return failure(QStringLiteral("JPEG 2000 codestream could not be decoded"), openJpegSays);

    const opj_image_comp_t &component = image->comps[0];
    if (!component.data || component.w != width || component.h != height)
        return failure(QStringLiteral("JPEG 2000 decoder returned no full-resolution data"), openJpegSays);
    // The codestream's own sign flag and precision sometimes disagree with the DICOM header
    // (a known writer bug); PixelRepresentation and BitsStored win, as in DCMTK and GDCM.
    const int bits = std::clamp(frame.bitsStored, 1, 32);
    const std::uint64_t mask = bits >= 32 ? 0xffffffffull : ((1ull << bits) - 1);
    const std::uint64_t signBit = 1ull << (bits - 1);
    const std::size_t count = std::size_t(width) * height;
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t v = static_cast<std::uint64_t>(static_cast<std::uint32_t>(component.data[i])) & mask;
        std::int64_t value = static_cast<std::int64_t>(v);
        if (frame.isSigned && (v & signBit)) value -= static_cast<std::int64_t>(mask) + 1;
        out[i] = static_cast<std::int32_t>(value);
    }
    return {};
}

}  // namespace twin::dicom::series
