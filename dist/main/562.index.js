export const id = 562;
export const ids = [562];
export const modules = {

/***/ 562:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   iotSession: () => (/* binding */ iotSession)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(916);

async function iotSession(_source, _ctx) {
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('mode', 'iot-certificate is not available in this version', 'Use mode: oidc');
}


/***/ })

};
