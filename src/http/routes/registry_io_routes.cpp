// Spreadsheet import of the registry, its error files, and export.
#include <fmt/format.h>

#include <filesystem>

#include "app/crypto.h"
#include "domain/accounts/roles.h"
#include "http/errors.h"
#include "http/json_text.h"
#include "http/multipart.h"
#include "http/routes/downloads.h"
#include "http/routes/json_views.h"
#include "http/routes/route_helpers.h"
#include "http/services.h"
#include "sheet/sheet.h"

namespace cordon::http {
namespace {

namespace perm = accounts::perm;

// The largest upload: a million-row registry in CSV is about 150 MB.
constexpr size_t kImportBodyLimit = 256UL << 20;

boost::json::object ReportJson(const app::ImportReport& report, Lang lang) {
  boost::json::array errors;
  for (const auto& e : report.errors) {
    errors.push_back({{"row", e.row},
                      {"column", e.column},
                      {"field", e.field},
                      {"code", e.code},
                      {"message", LocalizedMessage(Error{e.code, e.field, e.detail}, lang)}});
  }
  const auto& r = report.run;
  return {{"id", r.id},
          {"applied", r.applied},
          {"file_name", r.file_name},
          {"rows", r.rows},
          {"created", r.created},
          {"updated", r.updated},
          {"unchanged", r.unchanged},
          {"error_count", r.errors},
          {"errors", std::move(errors)},
          {"created_at", FormatTime(r.created_at)}};
}

}  // namespace

void RegisterRegistryIoRoutes(Router& router, Services& s) {
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/communities/{code}/imports",
      .operation_id = "importPersons",
      .permission = std::string(perm::kPersonImport),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            const std::string_view type = req.Header("content-type");
            std::string path = req.body_file;
            std::string file_name(req.Query("file_name").value_or(""));
            std::string extracted;
            if (IsMultipart(type)) {
              extracted = TempFile(s, ".upload");
              auto part = ExtractMultipartFile(req.body_file, type, extracted);
              if (!part.ok()) {
                std::filesystem::remove(extracted);
                return Fail(part.error(), req);
              }
              path = extracted;
              file_name = part->file_name;
            } else if (!type.starts_with("text/csv") && !type.starts_with(kXlsxType) &&
                       !type.starts_with("application/octet-stream")) {
              return Fail(
                  MakeError("request.unsupported_media_type", "",
                            "text/csv, " + std::string(kXlsxType) + ", multipart/form-data"),
                  req);
            }
            sheet::ReadOptions options;
            auto encoding = req.Query("encoding").value_or("auto");
            if (encoding == "gb18030" || encoding == "gbk") {
              options.encoding = sheet::Encoding::kGb18030;
            } else if (encoding == "utf-8" || encoding == "utf8") {
              options.encoding = sheet::Encoding::kUtf8;
            } else if (encoding != "auto") {
              return Fail(MakeError("request.invalid_query", "encoding"), req);
            }
            auto report = s.registry_io.Import(
                ctx.request, ctx.Who(), std::string(ctx.Param("code")),
                [&]() { return sheet::OpenSheet(path, options); }, file_name);
            if (!extracted.empty()) {
              std::filesystem::remove(extracted);
            }
            if (!report.ok()) {
              return Fail(report.error(), req);
            }
            if (!report->run.applied) {
              // The error shape, with the report beside it so the rows can be shown.
              Response r =
                  Fail(MakeError("import.rejected", "", std::to_string(report->run.errors)), req);
              auto body = boost::json::parse(r.body).as_object();
              body["import"] = ReportJson(*report, req.lang);
              r.body = WriteJson(body);
              return r;
            }
            return JsonResponse(200, ReportJson(*report, req.lang));
          },
      .body_limit = kImportBodyLimit,
      .body_to_file = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/imports/{id}",
      .operation_id = "getImport",
      .permission = std::string(perm::kPersonImport),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "import.not_found", [&](std::int64_t id) {
              return Answer(req, s.registry_io.GetRun(ctx.Who(), id),
                            [&](const app::ImportReport& r) { return ReportJson(r, req.lang); });
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/imports/{id}/errors",
      .operation_id = "getImportErrors",
      .permission = std::string(perm::kPersonImport),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto id = PathId(ctx, "id", "import.not_found");
            auto csv = WantsCsv(req);
            if (!id.ok()) {
              return Fail(id.error(), req);
            }
            if (!csv.ok()) {
              return Fail(csv.error(), req);
            }
            auto report = s.registry_io.GetRun(ctx.Who(), *id);
            if (!report.ok()) {
              return Fail(report.error(), req);
            }
            const bool en = req.lang == Lang::kEn;
            const std::string path = TempFile(s, *csv ? ".csv" : ".xlsx");
            auto sink = CreateSink(path, *csv, en ? "Errors" : "错误");
            if (!sink.ok()) {
              return Fail(sink.error(), req);
            }
            Status st =
                (*sink)->Write(en ? std::vector<std::string>{"Row", "Column", "Code", "Message"}
                                  : std::vector<std::string>{"行号", "列", "错误代码", "说明"});
            for (const auto& e : report->errors) {
              if (!st.ok()) {
                break;
              }
              st = (*sink)->Write({std::to_string(e.row), e.column, e.code,
                                   LocalizedMessage(Error{e.code, e.field, e.detail}, req.lang)});
            }
            if (st.ok()) {
              st = (*sink)->Finish();
            }
            if (!st.ok()) {
              std::filesystem::remove(path);
              return Fail(st.error(), req);
            }
            return Download(path, *csv, fmt::format("import-{}-errors", *id),
                            fmt::format("{}-{}", en ? "import-errors" : "导入错误", *id));
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/persons/export",
      .operation_id = "exportPersons",
      .permission = std::string(perm::kPersonExport),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto csv = WantsCsv(req);
            if (!csv.ok()) {
              return Fail(csv.error(), req);
            }
            const std::string code(ctx.Param("code"));
            const std::string path = TempFile(s, *csv ? ".csv" : ".xlsx");
            auto sink = CreateSink(path, *csv, "人员信息表");
            if (!sink.ok()) {
              return Fail(sink.error(), req);
            }
            auto written = s.registry_io.Export(ctx.request, ctx.Who(), code, **sink);
            if (!written.ok()) {
              std::filesystem::remove(path);
              return Fail(written.error(), req);
            }
            return Download(path, *csv, "persons-" + code, "人员信息表-" + code);
          },
  });
}

}  // namespace cordon::http
