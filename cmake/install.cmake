# `cmake --install`: the crucible binary, the libraries, the public headers under
# include/crucible/ and the CMake package (find_package(crucible) -> crucible::harness,
# crucible::reports, crucible::gtest). Headers keep their source paths below include/crucible/
# ("harness/checks/result.h"), so installed code includes them exactly as the tree does.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CRUCIBLE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/crucible)
set_target_properties(crucible_harness PROPERTIES EXPORT_NAME harness)
# The layers crucible::harness links (harness/CMakeLists.txt): crucible::common, crucible::sql, …
foreach(layer ${crucible_layers})
  string(REPLACE "crucible_" "" layer_name ${layer})
  set_target_properties(${layer} PROPERTIES EXPORT_NAME ${layer_name})
endforeach()
set_target_properties(crucible_reports PROPERTIES EXPORT_NAME reports)
set_target_properties(crucible_runner PROPERTIES EXPORT_NAME runner)
set(crucible_libraries ${crucible_layers} crucible_reports crucible_runner)
if(CRUCIBLE_GTEST_HELPER)
  list(APPEND crucible_libraries crucible_gtest)
endif()

install(TARGETS crucible RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS crucible_harness ${crucible_libraries} EXPORT crucibleTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
# `cmake --install --strip` and the .deb (CPACK_STRIP_FILES) strip executables only; debug info
# would make the archives most of the package.
foreach(library ${crucible_libraries})
  install(CODE "if(CMAKE_INSTALL_DO_STRIP)
    execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-debug
      \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/$<TARGET_FILE_NAME:${library}>\")
  endif()")
endforeach()
foreach(part harness reports)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${part}/
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/crucible/${part}
          FILES_MATCHING PATTERN "*.h")
endforeach()
if(CRUCIBLE_GTEST_HELPER)
  install(FILES ${PROJECT_SOURCE_DIR}/include/crucible/gtest.h
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/crucible)
endif()

install(EXPORT crucibleTargets NAMESPACE crucible:: DESTINATION ${CRUCIBLE_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/crucibleConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/crucibleConfig.cmake INSTALL_DESTINATION ${CRUCIBLE_CMAKE_DIR})
# 0.x: a minor release may change the API, so only the same minor version is compatible.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/crucibleConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/crucibleConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/crucibleConfigVersion.cmake
        DESTINATION ${CRUCIBLE_CMAKE_DIR})
