// DicomFileProbe on real public files (every encoding we read, multi-modality and RT objects,
// malformed files) and on files written here with DCMTK; errors that name the file and tag;
// the DCMTK version reported for the SOUP list.
//
// Expected values come from dcmdump (DCMTK 3.6.7) on the shared data, e.g.
//   dcmdump -M +uc <file> | grep -E '^\((0002,0010|0008,0016|0008,0060|0010,0020|0028,0008|0028,001[01])'
// (top-level elements only: CT_small.dcm also has PatientIDs inside a sequence), and agree with
// each set's DICOM_STATS.tsv.

#include "TestMain.h"

#include "twin/dicom/DcmtkLogging.h"
#include "twin/dicom/DicomFileProbe.h"
#include "twin/dicom/DicomLibrary.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrobow.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

using twin::core::Error;
using twin::dicom::DicomFileProbe;
using twin::dicom::DicomHeader;

namespace {

// Transfer syntax UIDs (PS3.5 / PS3.6 Annex A).
constexpr auto kImplicitLE = "1.2.840.10008.1.2";
constexpr auto kExplicitLE = "1.2.840.10008.1.2.1";
constexpr auto kDeflatedLE = "1.2.840.10008.1.2.1.99";
constexpr auto kExplicitBE = "1.2.840.10008.1.2.2";
constexpr auto kJpegBaseline = "1.2.840.10008.1.2.4.50";
constexpr auto kJpegLsLossless = "1.2.840.10008.1.2.4.80";
constexpr auto kJpeg2000Lossless = "1.2.840.10008.1.2.4.90";
constexpr auto kJpeg2000 = "1.2.840.10008.1.2.4.91";
constexpr auto kRle = "1.2.840.10008.1.2.5";

// SOP class UIDs.
constexpr auto kCtImage = "1.2.840.10008.5.1.4.1.1.2";
constexpr auto kEnhancedCtImage = "1.2.840.10008.5.1.4.1.1.2.1";
constexpr auto kMrImage = "1.2.840.10008.5.1.4.1.1.4";
constexpr auto kUsMultiframeImage = "1.2.840.10008.5.1.4.1.1.3.1";
constexpr auto kSecondaryCapture = "1.2.840.10008.5.1.4.1.1.7";
constexpr auto kPetImage = "1.2.840.10008.5.1.4.1.1.128";
constexpr auto kRtDose = "1.2.840.10008.5.1.4.1.1.481.2";
constexpr auto kRtStructureSet = "1.2.840.10008.5.1.4.1.1.481.3";
constexpr auto kRtIonPlan = "1.2.840.10008.5.1.4.1.1.481.8";

QString failureText(const twin::core::Result<DicomHeader> &result) {
    return result.ok() ? QStringLiteral("read without error") : result.error().message();
}

/// What a minimal file written by a test holds.
struct SyntheticContent {
    bool withSopClass = true;
    bool asUnknownVr = false;  // SOP class UID and Modality encoded with VR UN (CP-246 style)
};

void putUnknownVr(DcmDataset &data, const DcmTagKey &key, const char *text) {
    // Even length, padded as the VR it stands for would be (UI with NUL, CS with space).
    QByteArray bytes(text);
    if (bytes.size() % 2 != 0) bytes.append(key == DCM_SOPClassUID ? '\0' : ' ');
    auto *element = new DcmOtherByteOtherWord(DcmTag(key, EVR_UN));
    element->putUint8Array(reinterpret_cast<const Uint8 *>(bytes.constData()), static_cast<unsigned long>(bytes.size()));
    data.insert(element, true);
}

/// Writes a header-only DICOM file with DCMTK; returns DCMTK's verdict as text ("" when good).
QString writeSyntheticFile(const QString &path, E_TransferSyntax transferSyntax, const SyntheticContent &content) {
    DcmFileFormat file;
    DcmDataset &data = *file.getDataset();
    char instanceUid[100];
    dcmGenerateUniqueIdentifier(instanceUid, SITE_INSTANCE_UID_ROOT);
    if (content.withSopClass && content.asUnknownVr) putUnknownVr(data, DCM_SOPClassUID, UID_CTImageStorage);
    else if (content.withSopClass) data.putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
    data.putAndInsertString(DCM_SOPInstanceUID, instanceUid);
    if (content.asUnknownVr) putUnknownVr(data, DCM_Modality, "CT");
    else data.putAndInsertString(DCM_Modality, "CT");
    data.putAndInsertString(DCM_PatientID, "TWIN-0042");
    data.putAndInsertString(DCM_PatientName, "Probe^Synthetic");
    data.putAndInsertString(DCM_PatientBirthDate, "19610305");
    data.putAndInsertString(DCM_PatientSex, "F");
    data.putAndInsertString(DCM_StudyInstanceUID, "1.2.826.0.1.3680043.9.7777.1");
    data.putAndInsertString(DCM_SeriesInstanceUID, "1.2.826.0.1.3680043.9.7777.1.2");
    data.putAndInsertString(DCM_FrameOfReferenceUID, "1.2.826.0.1.3680043.9.7777.1.3");
    data.putAndInsertUint16(DCM_Rows, 300);
    data.putAndInsertUint16(DCM_Columns, 257);
    data.putAndInsertString(DCM_NumberOfFrames, "7");
    const OFCondition status = file.saveFile(OFFilename(QFile::encodeName(path).constData()), transferSyntax);
    return status.good() ? QString() : QString::fromLatin1(status.text());
}

}  // namespace


class TestDicomFileProbe : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase();

    void readsPublicFiles_data();
    void readsPublicFiles();
    void readsIdentifiersOfCtSmall();
    void emptyFrameOfReferenceStaysEmpty();
    void readsFilesWithoutMetaHeader_data();
    void readsFilesWithoutMetaHeader();
    void decodesAttributesStoredAsUnknownVr_data();
    void decodesAttributesStoredAsUnknownVr();
    void malformedFilesGiveHeaderOrNamedError_data();
    void malformedFilesGiveHeaderOrNamedError();

    void roundTripsSyntheticFile_data();
    void roundTripsSyntheticFile();
    void syntheticFileWithUnknownVrIsDecoded();
    void missingSopClassNamesTheTag();

    void nonDicomFileIsAnErrorNamingTheFile_data();
    void nonDicomFileIsAnErrorNamingTheFile();
    void missingPathIsNotFound();
    void directoryIsAnError();

    void dcmtkVersionIs36();

private:
    QString scratch_;
};

void TestDicomFileProbe::initTestCase() {
    // DCMTK logs to stderr on its own; the probe lowers that once, the writes here come first.
    twin::dicom::DcmtkLogging::configureOnce();
    scratch_ = twin::test::scratchDir(QStringLiteral("dicom-file-probe"));
    QVERIFY(QFileInfo(scratch_).isDir());
}

void TestDicomFileProbe::readsPublicFiles_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("modality");
    QTest::addColumn<QString>("sopClass");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("frames");
    QTest::addColumn<QString>("patientId");
    QTest::addColumn<QString>("transferSyntax");
    // clang-format off
    QTest::newRow("CT explicit VR little endian")
        << "dicom-encodings/pydicom/CT_small.dcm"
        << "CT" << kCtImage << 128 << 128 << 1 << "1CT1" << kExplicitLE;
    QTest::newRow("MR explicit VR big endian")
        << "dicom-encodings/pydicom/MR_small_bigendian.dcm"
        << "MR" << kMrImage << 64 << 64 << 1 << "4MR1" << kExplicitBE;
    QTest::newRow("MR implicit VR little endian")
        << "dicom-encodings/pydicom/MR_small_implicit.dcm"
        << "MR" << kMrImage << 64 << 64 << 1 << "4MR1" << kImplicitLE;
    QTest::newRow("CT 512x512 explicit VR big endian")
        << "dicom-encodings/cornerstone-dicomParser/CT1_UNC.explicit_big_endian.dcm"
        << "CT" << kCtImage << 512 << 512 << 1 << "1CT1" << kExplicitBE;
    QTest::newRow("deflated, empty PatientID")
        << "dicom-encodings/pydicom/image_dfl.dcm"
        << "OT" << kSecondaryCapture << 512 << 512 << 1 << "" << kDeflatedLE;
    QTest::newRow("US 30 frames JPEG baseline, rows != columns")
        << "dicom-encodings/pydicom/examples_ybr_color.dcm"
        << "US" << kUsMultiframeImage << 240 << 320 << 30 << "204" << kJpegBaseline;
    QTest::newRow("enhanced CT 2 frames RLE")
        << "dicom-encodings/cornerstone-dicomParser/encapsulated/multi-frame/CT0012.not_fragmented_bot_rle.dcm"
        << "CT" << kEnhancedCtImage << 512 << 512 << 2 << "0010" << kRle;
    QTest::newRow("NM JPEG 2000, 1024 rows x 256 columns")
        << "dicom-encodings/pydicom/JPEG2000.dcm"
        << "NM" << kSecondaryCapture << 1024 << 256 << 1 << "8NM1" << kJpeg2000;
    QTest::newRow("STS_019 PET")
        << "ct-mr-pet-sarcoma-rtstruct/dicom/STS_019/PET/image/000000.dcm"
        << "PT" << kPetImage << 28 << 28 << 1 << "STS_019" << kImplicitLE;
    QTest::newRow("STS_019 CT 134x136")
        << "ct-mr-pet-sarcoma-rtstruct/dicom/STS_019/CT/image/000000.dcm"
        << "CT" << kCtImage << 134 << 136 << 1 << "STS_019" << kImplicitLE;
    QTest::newRow("STS_019 MR T1 110x112")
        << "ct-mr-pet-sarcoma-rtstruct/dicom/STS_019/MR_T1/image/000000.dcm"
        << "MR" << kMrImage << 110 << 112 << 1 << "STS_019" << kExplicitLE;
    QTest::newRow("STS_019 RTSTRUCT (no image)")
        << "ct-mr-pet-sarcoma-rtstruct/dicom/STS_019/CT/mask/RS.dcm"
        << "RTSTRUCT" << kRtStructureSet << 0 << 0 << 1 << "STS_019" << kImplicitLE;
    // Non-conformant on purpose: an RT Structure Set whose Modality says RTDOSE. The probe
    // reports what the file says; judging it is the importer's job.
    QTest::newRow("OpenTPS RTSTRUCT labelled RTDOSE")
        << "ct-digital-phantom-opentps-rtstruct/SimpleFantomWithStruct/"
           "RS1.2.826.0.1.3680043.8.498.84013257063663267327474594711005032139.dcm"
        << "RTDOSE" << kRtStructureSet << 0 << 0 << 1 << "exported_simple_patient" << kImplicitLE;
    QTest::newRow("RayStation RTDOSE 110 frames")
        << "rt-plan-dose-objects/aptg-raystation-proton-water-phantom/"
           "RD1.2.752.243.1.1.20250523160113556.3000.73252.dcm"
        << "RTDOSE" << kRtDose << 107 << 107 << 110 << "WTR303030" << kImplicitLE;
    // Its Modality and SOP Class UID are stored as UN (DICOM_STATS.tsv shows the hex bytes).
    QTest::newRow("RTDOSE 15 frames RLE, attributes as UN")
        << "rt-plan-dose-objects/pydicom-rt-minimal/rtdose_rle.dcm"
        << "RTDOSE" << kRtDose << 10 << 10 << 15 << "id11111" << kRle;
    // Rows x Columns 46341^2 with almost no pixel data: the probe stops before PixelData.
    QTest::newRow("46341x46341 header, tiny file")
        << "dicom-malformed/orthanc-tests/2026-05-26-oob-monochrome-46341.dcm"
        << "OT" << kSecondaryCapture << 46341 << 46341 << 1 << "OOB-REPRO" << kExplicitLE;
    // Truncated inside the pixel data: the header before it is intact.
    QTest::newRow("MR with truncated pixel data")
        << "dicom-malformed/pydicom/MR_truncated.dcm"
        << "MR" << kMrImage << 64 << 64 << 1 << "4MR1" << kExplicitLE;
    // clang-format on
}

void TestDicomFileProbe::readsPublicFiles() {
    QFETCH(QString, file);
    QFETCH(QString, modality);
    QFETCH(QString, sopClass);
    QFETCH(int, rows);
    QFETCH(int, columns);
    QFETCH(int, frames);
    QFETCH(QString, patientId);
    QFETCH(QString, transferSyntax);
    DIDYMOS_REQUIRE_TEST_DATA(path, QStringLiteral("dicom/") + file);

    const auto result = DicomFileProbe::read(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const DicomHeader &header = result.value();
    QCOMPARE(header.modality, modality);
    QCOMPARE(header.sopClassUid, sopClass);
    QCOMPARE(header.rows, rows);
    QCOMPARE(header.columns, columns);
    QCOMPARE(header.numberOfFrames, frames);
    QCOMPARE(header.patientId, patientId);
    QCOMPARE(header.transferSyntaxUid, transferSyntax);
    QVERIFY(!header.sopInstanceUid.isEmpty());
    QVERIFY(!header.studyInstanceUid.isEmpty());
    QVERIFY(!header.seriesInstanceUid.isEmpty());
}

void TestDicomFileProbe::readsIdentifiersOfCtSmall() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "dicom/dicom-encodings/pydicom/CT_small.dcm");
    const auto result = DicomFileProbe::read(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const DicomHeader &header = result.value();
    QCOMPARE(header.sopInstanceUid, QStringLiteral("1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322"));
    QCOMPARE(header.studyInstanceUid, QStringLiteral("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322"));
    QCOMPARE(header.seriesInstanceUid, QStringLiteral("1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322"));
    QCOMPARE(header.frameOfReferenceUid, QStringLiteral("1.3.6.1.4.1.5962.1.4.1.1.20040119072730.12322"));
    QCOMPARE(header.patientName, QStringLiteral("CompressedSamples^CT1"));
    // The nested PatientIDs ("ABCD1234", "1234ABCD" in a sequence) must not win over the top level.
    QCOMPARE(header.patientId, QStringLiteral("1CT1"));
}

void TestDicomFileProbe::emptyFrameOfReferenceStaysEmpty() {
    // OpenTPS phantom CT: (0020,0052) present with no value.
    DIDYMOS_REQUIRE_TEST_DATA(path, "dicom/ct-digital-phantom-opentps-rtstruct/SimpleFantomWithStruct/"
                                    "CT_1.2.826.0.1.3680043.8.498.10041326494522582671624196143451054749_0091.dcm");
    const auto result = DicomFileProbe::read(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    QCOMPARE(result.value().modality, QStringLiteral("CT"));
    QCOMPARE(result.value().rows, 200);
    QCOMPARE(result.value().columns, 200);
    QCOMPARE(result.value().patientId, QStringLiteral("ANONYMOUS"));
    QCOMPARE(result.value().frameOfReferenceUid, QString());
    QCOMPARE(result.value().sopInstanceUid,
             QStringLiteral("1.2.826.0.1.3680043.8.498.10041326494522582671624196143451054749"));
}

void TestDicomFileProbe::readsFilesWithoutMetaHeader_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("modality");
    QTest::addColumn<QString>("sopClass");
    QTest::addColumn<QString>("seriesUid");
    QTest::addColumn<QString>("patientId");
    // clang-format off
    QTest::newRow("explicit VR little endian, no preamble")
        << "dicom-encodings/pydicom/ExplVR_LitEndNoMeta.dcm"
        << "RTPLAN" << kRtIonPlan << "1.2.333.4444.5.6.7.8.99" << "";
    QTest::newRow("explicit VR big endian, no preamble")
        << "dicom-encodings/pydicom/ExplVR_BigEndNoMeta.dcm"
        << "RTPLAN" << kRtIonPlan << "1.2.333.4444.5.6.7.8.99" << "";
    QTest::newRow("RTSTRUCT, no preamble")
        << "rt-plan-dose-objects/pydicom-rt-minimal/rtstruct.dcm"
        << "RTSTRUCT" << kRtStructureSet << "" << "tPhantom30sep";
    // clang-format on
}

void TestDicomFileProbe::readsFilesWithoutMetaHeader() {
    QFETCH(QString, file);
    QFETCH(QString, modality);
    QFETCH(QString, sopClass);
    QFETCH(QString, seriesUid);
    QFETCH(QString, patientId);
    DIDYMOS_REQUIRE_TEST_DATA(path, QStringLiteral("dicom/") + file);
    const auto result = DicomFileProbe::read(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    QCOMPARE(result.value().modality, modality);
    QCOMPARE(result.value().sopClassUid, sopClass);
    if (!seriesUid.isEmpty()) QCOMPARE(result.value().seriesInstanceUid, seriesUid);
    QCOMPARE(result.value().patientId, patientId);
    QCOMPARE(result.value().rows, 0);
    QCOMPARE(result.value().columns, 0);
}

void TestDicomFileProbe::decodesAttributesStoredAsUnknownVr_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("modality");
    QTest::addColumn<QString>("sopClass");
    QTest::addColumn<QString>("patientId");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("transferSyntax");
    // Every attribute VR UN (CP-246). Read raw, SOP class came out as "31" (hex of '1') and
    // Modality as "50" (hex of 'P'); dcmdump +uc shows the real values below.
    // clang-format off
    QTest::newRow("PET, JPEG-LS")
        << "dicom-malformed/orthanc-tests/2021-02-19-MalaterreCP246.dcm"
        << "PT" << kPetImage << "" << 128 << kJpegLsLossless;
    QTest::newRow("MR, JPEG 2000")
        << "dicom-malformed/orthanc-tests/2022-03-08-RicSmi.dcm"
        << "MR" << kMrImage << "b6a45b55-6441-4993-a151-498a0cb0fb66" << 256 << kJpeg2000Lossless;
    // clang-format on
}

void TestDicomFileProbe::decodesAttributesStoredAsUnknownVr() {
    QFETCH(QString, file);
    QFETCH(QString, modality);
    QFETCH(QString, sopClass);
    QFETCH(QString, patientId);
    QFETCH(int, rows);
    QFETCH(QString, transferSyntax);
    DIDYMOS_REQUIRE_TEST_DATA(path, QStringLiteral("dicom/") + file);
    const auto result = DicomFileProbe::read(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    QCOMPARE(result.value().modality, modality);
    QCOMPARE(result.value().sopClassUid, sopClass);
    QCOMPARE(result.value().patientId, patientId);
    QCOMPARE(result.value().rows, rows);
    QCOMPARE(result.value().columns, rows);
    QCOMPARE(result.value().transferSyntaxUid, transferSyntax);
}

void TestDicomFileProbe::malformedFilesGiveHeaderOrNamedError_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");  // "header", "error", "no SOP class" (error at its tag) or "either"
    // clang-format off
    const char *const rows[][2] = {
        {"pydicom/GDCMJ2K_TextGBR.dcm", "header"},                     // J2K with a non-conformant JP2 header
        {"pydicom/JPEG2000-embedded-sequence-delimiter.dcm", "header"},// delimiter pattern inside a fragment
        {"pydicom/SC_rgb_small_odd.dcm", "header"},
        {"pydicom/badVR.dcm", "header"},                               // NumberOfFrames "1A"
        {"pydicom/rtplan_truncated.dcm", "error"},                     // truncated inside a sequence
        {"pydicom/no_meta.dcm", "error"},                              // no meta header, stray bytes
        {"pydicom/UN_sequence.dcm", "no SOP class"},
        {"pydicom/empty_charset_LEI.dcm", "no SOP class"},
        {"pydicom/meta_missing_tsyntax.dcm", "either"},
        {"pydicom/nested_priv_SQ.dcm", "no SOP class"},
        {"pydicom/no_meta_group_length.dcm", "either"},
        {"pydicom/priv_SQ.dcm", "no SOP class"},
        {"orthanc-tests/Issue111.dcm", "no SOP class"},
        {"orthanc-tests/Issue140.dcm", "header"},
        {"orthanc-tests/Issue146.dcm", "header"},
        {"orthanc-tests/Issue195.dcm", "no SOP class"},
        {"orthanc-tests/Issue195-bis.dcm", "no SOP class"},
        {"orthanc-tests/Issue196.dcm", "either"},
    };
    // clang-format on
    for (const auto &row : rows) {
        QTest::newRow(row[0]) << QStringLiteral("dicom-malformed/") + QLatin1String(row[0])
                              << QString::fromLatin1(row[1]);
    }
}

void TestDicomFileProbe::malformedFilesGiveHeaderOrNamedError() {
    QFETCH(QString, file);
    QFETCH(QString, expected);
    DIDYMOS_REQUIRE_TEST_DATA(path, QStringLiteral("dicom/") + file);

    const auto result = DicomFileProbe::read(path);
    if (result.ok()) {
        QVERIFY2(expected == QLatin1String("header") || expected == QLatin1String("either"),
                 qPrintable(QStringLiteral("expected %1, got a header").arg(expected)));
        // A header is only returned with the one attribute the probe requires.
        QVERIFY(!result.value().sopClassUid.isEmpty());
        QVERIFY(result.value().sopClassUid.startsWith(QLatin1String("1.2.840.10008.")));
        return;
    }
    const Error &error = result.error();
    QVERIFY2(expected != QLatin1String("header"), qPrintable(error.message()));
    QCOMPARE(error.file(), path);
    QVERIFY2(error.message().startsWith(path + QStringLiteral(": ")), qPrintable(error.message()));
    QCOMPARE(error.code(), Error::Code::InvalidInput);
    if (expected == QLatin1String("no SOP class")) {
        QCOMPARE(error.tag(), QStringLiteral("(0008,0016) SOPClassUID"));
        QVERIFY2(error.message().contains(QLatin1String("(0008,0016)")), qPrintable(error.message()));
    }
}

void TestDicomFileProbe::roundTripsSyntheticFile_data() {
    QTest::addColumn<int>("transferSyntax");
    QTest::addColumn<QString>("expectedUid");
    QTest::newRow("implicit VR little endian") << int(EXS_LittleEndianImplicit) << kImplicitLE;
    QTest::newRow("explicit VR little endian") << int(EXS_LittleEndianExplicit) << kExplicitLE;
    QTest::newRow("explicit VR big endian") << int(EXS_BigEndianExplicit) << kExplicitBE;
}

void TestDicomFileProbe::roundTripsSyntheticFile() {
    QFETCH(int, transferSyntax);
    QFETCH(QString, expectedUid);
    const QString path = scratch_ + QStringLiteral("/synthetic-%1.dcm").arg(transferSyntax);
    const QString written = writeSyntheticFile(path, static_cast<E_TransferSyntax>(transferSyntax), {});
    QVERIFY2(written.isEmpty(), qPrintable(written));

    const auto result = DicomFileProbe::read(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const DicomHeader &header = result.value();
    QCOMPARE(header.sopClassUid, QString::fromLatin1(UID_CTImageStorage));
    QCOMPARE(header.modality, QStringLiteral("CT"));
    QCOMPARE(header.patientId, QStringLiteral("TWIN-0042"));
    QCOMPARE(header.patientName, QStringLiteral("Probe^Synthetic"));
    QCOMPARE(header.patientBirthDate, QStringLiteral("19610305"));
    QCOMPARE(header.patientSex, QStringLiteral("F"));
    QCOMPARE(header.studyInstanceUid, QStringLiteral("1.2.826.0.1.3680043.9.7777.1"));
    QCOMPARE(header.seriesInstanceUid, QStringLiteral("1.2.826.0.1.3680043.9.7777.1.2"));
    QCOMPARE(header.frameOfReferenceUid, QStringLiteral("1.2.826.0.1.3680043.9.7777.1.3"));
    QVERIFY(header.sopInstanceUid.startsWith(QLatin1String(SITE_INSTANCE_UID_ROOT)));
    QCOMPARE(header.rows, 300);
    QCOMPARE(header.columns, 257);
    QCOMPARE(header.numberOfFrames, 7);
    QCOMPARE(header.transferSyntaxUid, expectedUid);
}

void TestDicomFileProbe::syntheticFileWithUnknownVrIsDecoded() {
    const QString path = scratch_ + QStringLiteral("/synthetic-un.dcm");
    SyntheticContent content;
    content.asUnknownVr = true;
    const QString written = writeSyntheticFile(path, EXS_LittleEndianExplicit, content);
    QVERIFY2(written.isEmpty(), qPrintable(written));

    const auto result = DicomFileProbe::read(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    QCOMPARE(result.value().sopClassUid, QString::fromLatin1(UID_CTImageStorage));
    QCOMPARE(result.value().modality, QStringLiteral("CT"));
    QCOMPARE(result.value().patientId, QStringLiteral("TWIN-0042"));
}

void TestDicomFileProbe::missingSopClassNamesTheTag() {
    const QString path = scratch_ + QStringLiteral("/no-sop-class.dcm");
    SyntheticContent content;
    content.withSopClass = false;
    const QString written = writeSyntheticFile(path, EXS_LittleEndianExplicit, content);
    QVERIFY2(written.isEmpty(), qPrintable(written));

    const auto result = DicomFileProbe::read(path);
    QVERIFY(!result.ok());
    const Error &error = result.error();
    QCOMPARE(error.code(), Error::Code::InvalidInput);
    QCOMPARE(error.file(), path);
    QVERIFY2(error.message().contains(QLatin1String("(0008,0016)")), qPrintable(error.message()));
    QCOMPARE(error.message(), path + QStringLiteral(": (0008,0016) SOPClassUID: missing required attribute"));
}

void TestDicomFileProbe::nonDicomFileIsAnErrorNamingTheFile_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text") << "notes.txt" << QByteArray("Patient was seen today. Not a DICOM file.\n");
    QTest::newRow("empty") << "empty.dcm" << QByteArray();
    QTest::newRow("JSON") << "bundle.json" << QByteArray(R"({"resourceType": "Bundle", "type": "collection"})");
    QTest::newRow("zeros") << "zeros.dcm" << QByteArray(4, '\0');
    QTest::newRow("DICM magic only") << "magic.dcm" << (QByteArray(128, '\0') + QByteArray("DICM"));
}

void TestDicomFileProbe::nonDicomFileIsAnErrorNamingTheFile() {
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    const QString path = scratch_ + QLatin1Char('/') + name;
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
    file.close();

    const auto result = DicomFileProbe::read(path);
    QVERIFY2(!result.ok(), qPrintable(name));
    QCOMPARE(result.error().code(), Error::Code::InvalidInput);
    QCOMPARE(result.error().file(), path);
    QVERIFY2(result.error().message().startsWith(path + QStringLiteral(": ")), qPrintable(result.error().message()));
}

void TestDicomFileProbe::missingPathIsNotFound() {
    const QString path = scratch_ + QStringLiteral("/no-such-dir/no-such-file.dcm");
    QVERIFY(!QFileInfo::exists(path));
    const auto result = DicomFileProbe::read(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), Error::Code::NotFound);
    QCOMPARE(result.error().file(), path);
    QVERIFY2(result.error().message().contains(path), qPrintable(result.error().message()));
}

void TestDicomFileProbe::directoryIsAnError() {
    const QString path = scratch_ + QStringLiteral("/a-series.dcm");
    QVERIFY(QDir().mkpath(path));
    const auto result = DicomFileProbe::read(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), Error::Code::InvalidInput);
    QCOMPARE(result.error().file(), path);
    QVERIFY2(result.error().message().contains(path), qPrintable(result.error().message()));
}

void TestDicomFileProbe::dcmtkVersionIs36() {
    const QString version = twin::dicom::dcmtkVersion();
    QVERIFY2(version.startsWith(QLatin1String("3.6")), qPrintable(version));
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(version).hasMatch(), qPrintable(version));
}

DIDYMOS_TEST_MAIN(TestDicomFileProbe)
#include "TestDicomFileProbe.moc"
