#include "pipeline/restore/restore.h"

namespace sohoa {

namespace {
// Placeholder until the restoration stage lands: changes nothing.
class PassThroughRestorer : public Restorer {
 public:
  Status RestoreDocument(Document* doc) const override { return Status::Ok(); }
};
}  // namespace

Status Restorer::Open(const RestoreOptions& options, std::unique_ptr<Restorer>* out) {
  *out = std::make_unique<PassThroughRestorer>();
  return Status::Ok();
}

}  // namespace sohoa
