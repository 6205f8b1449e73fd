#pragma once

#include <QWidget>
#include <memory>

class QListWidget;
class QTreeWidget;

namespace flowlens {

class FlowStore;

// The investigation's inputs: per source its records, malformed lines, format and container, and
// why reading stopped if it did. Selecting a source lists its malformed lines (file:line reason).
class SourcesPane : public QWidget {
    Q_OBJECT
public:
    explicit SourcesPane(QWidget* parent = nullptr);

    void setStore(std::shared_ptr<const FlowStore> store);
    void refresh(); // re-reads the sources (during a load)
    QTreeWidget* sources() const { return m_sources; }
    QListWidget* errors() const { return m_errors; }

Q_SIGNALS:
    void addSourcesRequested();

private:
    void showErrors();

    std::shared_ptr<const FlowStore> m_store;
    QTreeWidget* m_sources;
    QListWidget* m_errors;
};

} // namespace flowlens
