// Replays a corpus through a fuzz target without libFuzzer, so the default (gcc) test run
// checks every seed and every past crash: `FuzzReplay<Target> FILE_OR_DIR...`.
// Exit 0 when all inputs were processed, 77 (ctest: skipped) when no input exists.

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {
constexpr qint64 kMaxInputBytes = 8 * 1024 * 1024;  // the fuzzers' max_len is far below
}

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    int replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const QString root = QString::fromLocal8Bit(argv[i]);
        QStringList files;
        if (QFileInfo(root).isDir()) {
            QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) files << it.next();
        } else if (QFileInfo(root).isFile()) {
            files << root;
        }
        files.sort();
        for (const QString &path : files) {
            QFile file(path);
            if (file.size() > kMaxInputBytes || !file.open(QIODevice::ReadOnly)) continue;
            const QByteArray bytes = file.readAll();
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.constData()), static_cast<std::size_t>(bytes.size()));
            ++replayed;
        }
    }
    std::printf("%d inputs replayed\n", replayed);
    if (replayed == 0) {
        std::fprintf(stderr, "no corpus input found (shared test data missing?)\n");
        return qEnvironmentVariable("CI") == QStringLiteral("true") ? 1 : 77;
    }
    return 0;
}
