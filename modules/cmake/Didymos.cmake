# Didymos build helpers: one call declares a module, a model plugin or a test.
#
#   didymos_add_module(<name> [HEADLESS] [HEADER_ONLY]
#                      [SOURCES ...] [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
#     -> target didymos_<name> (alias Didymos::<name>), headers under
#        modules/<name>/include/twin/<name>/, namespace twin::<name>.
#        HEADLESS modules may not reach QtWidgets, QtOpenGLWidgets or didymos_ui through any
#        link dependency; didymos_check_headless_modules() enforces it at configure time.
#
#   didymos_add_plugin(<id> SOURCES ...)
#     -> a Qt plugin (MODULE library) in <build>/plugins/models, linked to the SDK only;
#        its model.json is read by Q_PLUGIN_METADATA(... FILE "model.json").
#
#   didymos_add_test(<Name> SOURCES ... [LIBS ...] [LABELS unit|gui|rendering|integration|bench|fuzz]
#                    [TIMEOUT s] [ENVIRONMENT ...] [FIXTURES_REQUIRED ...])
#     -> executable <build>/tests/<Name>, registered with ctest under its labels.
#        bench and fuzz are excluded from the default run (ctest -LE "bench|fuzz").

set_property(GLOBAL PROPERTY DIDYMOS_HEADLESS_MODULES "")
set(DIDYMOS_FORBIDDEN_IN_HEADLESS Qt6::Widgets Qt6::OpenGLWidgets Qt6::PrintSupport didymos_ui)

function(didymos_add_module name)
  cmake_parse_arguments(ARG "HEADLESS;HEADER_ONLY" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  set(target didymos_${name})
  if(ARG_HEADER_ONLY)
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/include)
    target_link_libraries(${target} INTERFACE ${ARG_PUBLIC_DEPS})
    target_compile_features(${target} INTERFACE cxx_std_20)
  else()
    # Public headers are listed too, so AUTOMOC sees their Q_OBJECT classes.
    file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/include/*.h)
    add_library(${target} STATIC ${ARG_SOURCES} ${headers})
    target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                         PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
    target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
    target_compile_features(${target} PUBLIC cxx_std_20)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  endif()
  add_library(Didymos::${name} ALIAS ${target})
  if(ARG_HEADLESS)
    set_property(GLOBAL APPEND PROPERTY DIDYMOS_HEADLESS_MODULES ${target})
  endif()
endfunction()

# Collects every library a target reaches through its link interface.
function(_didymos_collect_links target out_var)
  set(seen "")
  set(queue ${target})
  while(queue)
    list(POP_FRONT queue current)
    if(current IN_LIST seen OR NOT TARGET ${current})
      continue()
    endif()
    list(APPEND seen ${current})
    get_target_property(type ${current} TYPE)
    set(deps "")
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(direct ${current} LINK_LIBRARIES)
      if(direct)
        list(APPEND deps ${direct})
      endif()
    endif()
    get_target_property(iface ${current} INTERFACE_LINK_LIBRARIES)
    if(iface)
      list(APPEND deps ${iface})
    endif()
    foreach(dep IN LISTS deps)
      string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" dep "${dep}")
      if(TARGET ${dep})
        get_target_property(aliased ${dep} ALIASED_TARGET)
        if(aliased)
          set(dep ${aliased})
        endif()
        list(APPEND queue ${dep})
      endif()
    endforeach()
  endwhile()
  set(${out_var} ${seen} PARENT_SCOPE)
endfunction()

function(didymos_check_headless_modules)
  get_property(modules GLOBAL PROPERTY DIDYMOS_HEADLESS_MODULES)
  foreach(module IN LISTS modules)
    _didymos_collect_links(${module} reached)
    foreach(forbidden IN LISTS DIDYMOS_FORBIDDEN_IN_HEADLESS)
      if(TARGET ${forbidden})
        get_target_property(real ${forbidden} ALIASED_TARGET)
        if(NOT real)
          set(real ${forbidden})
        endif()
        if(real IN_LIST reached)
          message(FATAL_ERROR "Headless module ${module} links ${forbidden}; "
                              "only modules/ui and app/didymos may use widgets.")
        endif()
      endif()
    endforeach()
  endforeach()
endfunction()

function(didymos_add_plugin id)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  set(target didymos_model_${id})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE didymos_sim_api)
  set_target_properties(${target} PROPERTIES
    LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/plugins/models
    PREFIX "")
  install(TARGETS ${target} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/didymos/plugins/models)
endfunction()

set(DIDYMOS_TEST_DATA_DEFAULT "${CMAKE_SOURCE_DIR}/../shared/data")

function(didymos_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT;FIXTURES_REQUIRED;ARGS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE didymos_testsupport ${ARG_LIBS})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  add_test(NAME ${name} COMMAND ${name} ${ARG_ARGS})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set(env "DIDYMOS_TEST_DATA_DEFAULT=${DIDYMOS_TEST_DATA_DEFAULT}"
          "DIDYMOS_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
          "DIDYMOS_BINARY_DIR=${CMAKE_BINARY_DIR}"
          "QT_QPA_PLATFORMTHEME=" ${ARG_ENVIRONMENT})
  if(NOT ("gui" IN_LIST ARG_LABELS OR "rendering" IN_LIST ARG_LABELS))
    list(APPEND env "QT_QPA_PLATFORM=offscreen")
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
                                          ENVIRONMENT "${env}")
  if(ARG_FIXTURES_REQUIRED)
    set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED "${ARG_FIXTURES_REQUIRED}")
  endif()
endfunction()
