# CPack: one .deb with the binary, the headers and the CMake package (ci/package.sh builds it).
# Depends comes from dpkg-shlibdeps on the installed binary; the -dev packages a consumer's
# find_package(crucible) needs are Recommends, so a machine that only runs `crucible` can skip
# them.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME crucible)
set(CPACK_PACKAGE_VENDOR "Crucible")
set(CPACK_PACKAGE_CONTACT "Crucible maintainers <crucible@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Merge gate that verifies database migrations forward, reverse and forward on live engines")
set(CPACK_PACKAGE_INSTALL_DIRECTORY /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "cmake, pkg-config, libfmt-dev, nlohmann-json3-dev, libcli11-dev, libtomlplusplus-dev, libsqlite3-dev, libpqxx-dev, libmysqlcppconn-dev, libluajit-5.1-dev, libbrotli-dev, libssl-dev, unixodbc-dev, libgtest-dev")
# What some formats and engines use at run time: Alembic projects (--format alembic), the ODBC
# drivers the ODBC engine was tested with.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-alembic, odbc-postgresql, odbc-mariadb")
set(CPACK_STRIP_FILES ON)
include(CPack)
