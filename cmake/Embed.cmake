# Embeds text files in C++ sources at configure time. Editing an embedded file re-runs the
# configure step, so the binary never carries stale text.

# Writes OUT defining `extern const char* const NAME` with the content of FILE, in NAMESPACE.
function(cordon_embed_text OUT NAMESPACE NAME FILE)
  file(READ "${FILE}" content)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${FILE}")
  file(CONFIGURE OUTPUT "${OUT}" CONTENT
"// Generated from ${FILE}. Do not edit.
namespace ${NAMESPACE} {
extern const char* const ${NAME};
const char* const ${NAME} = R\"cordon_embed(${content})cordon_embed\";
}  // namespace ${NAMESPACE}
" @ONLY)
endfunction()

# Writes OUT defining cordon::store::NS::EmbeddedMigrations() from DIR/NNNN_name.sql.
function(cordon_embed_migrations OUT DIR NS)
  file(GLOB files CONFIGURE_DEPENDS "${DIR}/*.sql")
  list(SORT files)
  set(entries "")
  foreach(f IN LISTS files)
    get_filename_component(base "${f}" NAME_WE)
    string(REGEX MATCH "^([0-9]+)_(.+)$" _ "${base}")
    if(NOT CMAKE_MATCH_1)
      message(FATAL_ERROR "migration ${f} is not named NNNN_name.sql")
    endif()
    math(EXPR version "${CMAKE_MATCH_1}")
    file(READ "${f}" sql)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${f}")
    string(APPEND entries "    {${version}, \"${CMAKE_MATCH_2}\", R\"cordon_sql(${sql})cordon_sql\"},\n")
  endforeach()
  file(CONFIGURE OUTPUT "${OUT}" CONTENT
"// Generated from ${DIR}. Do not edit.
#include \"store/sql/migrations.h\"

namespace cordon::store::@NS@ {

std::span<const sql::Migration> EmbeddedMigrations() {
  static const sql::Migration kMigrations[] = {
@entries@  };
  return kMigrations;
}

}  // namespace cordon::store::@NS@
" @ONLY)
endfunction()
