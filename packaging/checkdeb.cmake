# Run by the packaging_deb test: builds the .deb with CPack, then checks its control fields and files.
# Inputs: CPACK_COMMAND, DPKG_DEB, BUILD_DIR (the configured build tree), WORK_DIR, APP_ID.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(
    COMMAND ${CPACK_COMMAND} -G DEB --config ${BUILD_DIR}/CPackConfig.cmake -B ${WORK_DIR}
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "cpack -G DEB failed (${status}):\n${output}")
endif()

file(GLOB debs ${WORK_DIR}/*.deb)
list(LENGTH debs deb_count)
if(NOT deb_count EQUAL 1)
    message(FATAL_ERROR "expected one .deb in ${WORK_DIR}, found ${deb_count}:\n${output}")
endif()

execute_process(COMMAND ${DPKG_DEB} --field ${debs} Package Depends Maintainer
    RESULT_VARIABLE status OUTPUT_VARIABLE fields)
execute_process(COMMAND ${DPKG_DEB} --contents ${debs}
    RESULT_VARIABLE contents_status OUTPUT_VARIABLE contents)
if(NOT status EQUAL 0 OR NOT contents_status EQUAL 0)
    message(FATAL_ERROR "dpkg-deb could not read ${debs}")
endif()

set(problems)
foreach(expected "Package: flowlens" "Maintainer: FlowLens developers")
    string(FIND "${fields}" "${expected}" at)
    if(at EQUAL -1)
        list(APPEND problems "control field '${expected}' missing")
    endif()
endforeach()
# Depends comes from dpkg-shlibdeps; the Qt libraries must be in it or the package installs broken.
foreach(library libqt6core6 libqt6widgets6)
    if(NOT fields MATCHES "Depends:[^\n]*${library}")
        list(APPEND problems "Depends lacks ${library}")
    endif()
endforeach()
foreach(path
        ./usr/bin/flowlens
        ./usr/bin/flowlens-cli
        ./usr/share/applications/${APP_ID}.desktop
        ./usr/share/metainfo/${APP_ID}.metainfo.xml
        ./usr/share/icons/hicolor/scalable/apps/${APP_ID}.svg)
    string(FIND "${contents}" " ${path}\n" at)
    if(at EQUAL -1)
        list(APPEND problems "file ${path} missing")
    endif()
endforeach()

if(problems)
    list(JOIN problems "\n  " problem_text)
    message(FATAL_ERROR "${debs}:\n  ${problem_text}\n\nControl fields:\n${fields}\nFiles:\n${contents}")
endif()
message(STATUS "${debs}: ok\n${fields}")
