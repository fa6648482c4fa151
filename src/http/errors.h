// The one seam between error codes and HTTP: the status for each code, and the error body
// {"error":{"code","message","field"}} with the message in the caller's language.
//
// Messages live in locales/server/<lang>.json, embedded at build time. A message may name
// {field} and {detail}, which are replaced by the error's field and detail.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "http/message.h"

namespace cordon::http {

int StatusFor(std::string_view code);
std::string LocalizedMessage(const Error& error, Lang lang);
Response ErrorResponse(const Error& error, Lang lang);

// Every code that has a message in the given language's catalog.
std::vector<std::string> CatalogCodes(Lang lang);

}  // namespace cordon::http
