export const id = 17;
export const ids = [17];
export const modules = {

/***/ 17:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rolesAnywhereSession: () => (/* binding */ rolesAnywhereSession)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(916);

async function rolesAnywhereSession(_config, _source, _ctx) {
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('mode', 'roles-anywhere is not available in this version', 'Use mode: oidc');
}


/***/ })

};
