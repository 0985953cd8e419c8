// Stylesheets mean nothing to jsdom; components import none, this keeps it so if one ever does.
module.exports = {};
