// Flags shared by every command that extracts text (text, tables, check,
// ingest), so they mean the same everywhere.
#ifndef SOHOA_CLI_OPTIONS_H_
#define SOHOA_CLI_OPTIONS_H_

#include <memory>
#include <vector>

#include "pipeline/cli/flags.h"
#include "pipeline/pipeline.h"

namespace sohoa::cli {

std::vector<FlagSpec> ExtractionFlags();
Status ReadExtractionFlags(const Flags& flags, PipelineOptions* options);
Status OpenRestorer(const Flags& flags, std::unique_ptr<Restorer>* restorer);

}  // namespace sohoa::cli

#endif  // SOHOA_CLI_OPTIONS_H_
