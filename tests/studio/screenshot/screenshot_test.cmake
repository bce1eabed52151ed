# The studio's screenshot test: retrogait-studio renders offscreen under xvfb-run and the checker
# inspects the PNGs. Included (deferred, at the end of the top-level CMakeLists.txt, after
# enable_testing() and the tests' common target) by tools/studio/CMakeLists.txt; registered only
# when xvfb-run exists.
find_program(XVFB_RUN xvfb-run)
if(NOT XVFB_RUN)
  message(STATUS "xvfb-run not found: the studio screenshot test is not registered")
  return()
endif()
pkg_check_modules(STB_CHECK REQUIRED IMPORTED_TARGET stb)
add_executable(test_studio_screenshot ${CMAKE_CURRENT_LIST_DIR}/check_screenshot.cpp)
target_link_libraries(test_studio_screenshot PRIVATE test_main engine PkgConfig::STB_CHECK)
target_compile_definitions(test_studio_screenshot PRIVATE RETROGAIT_STUDIO_BIN="$<TARGET_FILE:retrogait-studio>"
                           RETROGAIT_CLI_BIN="$<TARGET_FILE:retrogait>"
                           RETROGAIT_SCREENSHOT_DIR="${PROJECT_BINARY_DIR}/studio_screenshots")
add_dependencies(test_studio_screenshot retrogait-studio retrogait)
file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/studio_screenshots)
add_test(NAME "studio: screenshots under xvfb-run"
         COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x1024x24" $<TARGET_FILE:test_studio_screenshot>)
set_tests_properties("studio: screenshots under xvfb-run" PROPERTIES LABELS studio TIMEOUT 300)
