#pragma once
// Refused: a Qt plugin of another interface (IID "org.example.OtherInterface/1") whose
// metadata would otherwise be a valid model.json.

#include <QObject>

class OtherInterfacePlugin : public QObject {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.example.OtherInterface/1" FILE "model.json")
};
