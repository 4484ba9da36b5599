#include "twin/dicom/DcmtkLogging.h"

#include <dcmtk/oflog/oflog.h>

#include <QByteArray>
#include <QtGlobal>

#include <mutex>

namespace twin::dicom {

void DcmtkLogging::configureOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        const QByteArray requested = qgetenv("DIDYMOS_DCMTK_LOG").toLower();
        OFLogger::LogLevel level = OFLogger::FATAL_LOG_LEVEL;
        if (requested == "debug") level = OFLogger::DEBUG_LOG_LEVEL;
        else if (requested == "info") level = OFLogger::INFO_LOG_LEVEL;
        else if (requested == "warn") level = OFLogger::WARN_LOG_LEVEL;
        else if (requested == "error") level = OFLogger::ERROR_LOG_LEVEL;
        OFLog::configure(level);
    });
}

}  // namespace twin::dicom
